//===- CallSite.h - the string a synthesized body passes --------*- C++ -*-===//
//
// The call site ("<version>|target|keywords|module@hash|flags") is defined once,
// in the runtime's pybridge/detail/site_format.hpp, which the plugin compiles
// against: the plugin writes what the runtime reads.
//
//===----------------------------------------------------------------------===//
#ifndef PYBRIDGE_PLUGIN_CALLSITE_H
#define PYBRIDGE_PLUGIN_CALLSITE_H

#include "Descriptor.h"

#include "clang/AST/DeclBase.h"
#include "llvm/ADT/ArrayRef.h"

#include <string>

namespace pybridge {

/// The call site of Target, checked against D, with the policies Stub's
/// attributes set.
std::string callSite(llvm::StringRef Target, llvm::ArrayRef<std::string> Keywords,
                     const Descriptor &D, const clang::Decl *Stub);

/// The call-site format version this plugin writes.
unsigned callSiteVersion();

} // namespace pybridge

#endif
