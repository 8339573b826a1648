//===- ClassHierarchy.h - Python's classes from the descriptors -*- C++ -*-===//
//
// What the type checks ask about Python classes (Subtypes.h's ClassRelations),
// answered from the descriptors the store loads or describes on demand.
//
//===----------------------------------------------------------------------===//
#ifndef PYBRIDGE_PLUGIN_CLASSHIERARCHY_H
#define PYBRIDGE_PLUGIN_CLASSHIERARCHY_H

#include "DescriptorStore.h"
#include "Subtypes.h"

#include "llvm/ADT/StringMap.h"

#include <optional>
#include <string>

namespace pybridge {

/// Python's classes as the descriptors describe them (a class may live in
/// another module than the function naming it).
class ClassHierarchy : public ClassRelations {
public:
  explicit ClassHierarchy(DescriptorStore &Store) : Store(Store) {}
  std::string typeNameOf(llvm::StringRef Path) override;
  std::optional<Symbol> classNamed(llvm::StringRef TypeName) override;
  std::optional<TypeEntry> typeEntry(llvm::StringRef TypeName) override;
  bool hasMembers(llvm::StringRef TypeName, llvm::ArrayRef<llvm::StringRef> Names) override;

private:
  DescriptorStore &Store;
  llvm::StringMap<std::string> TypeNames;
  llvm::StringMap<std::optional<TypeEntry>> Entries;
};

} // namespace pybridge

#endif
