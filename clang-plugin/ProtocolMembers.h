//===- ProtocolMembers.h - C++ protocol members of bound classes -*- C++ -*-===//
//
// pybridge::Object spells Python's protocols the C++ way (size(), contains(x),
// erase(key), operator[], begin()/end(), ==, std::hash). A bound class may
// declare the ones it wants typed; a member named like one of them binds the
// protocol's dunder when the Python class defines it and has no member of the
// C++ name:
//
//   long size();                    -> len(obj)       (__len__)
//   bool contains(std::string key); -> key in obj     (__contains__)
//   void erase(std::string key);    -> del obj[key]   (__delitem__)
//
// (operator[] and operator== bind __getitem__ and __eq__ by their operator.)
// The agent runs each dunder as Python's syntax does.
//
//===----------------------------------------------------------------------===//
#ifndef PYBRIDGE_PLUGIN_PROTOCOLMEMBERS_H
#define PYBRIDGE_PLUGIN_PROTOCOLMEMBERS_H

#include "Descriptor.h"

#include "clang/AST/DeclCXX.h"

#include <optional>

namespace pybridge {

/// The dunder MD binds as a protocol member of the Python class Cls, or
/// nothing when MD binds by its own name (Name, as pythonMemberName gives it).
std::optional<llvm::StringRef> protocolDunder(const clang::CXXMethodDecl *MD, llvm::StringRef Name,
                                              const Symbol &Cls);

} // namespace pybridge

#endif
