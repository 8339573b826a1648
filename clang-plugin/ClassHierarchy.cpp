//===- ClassHierarchy.cpp - Python's classes from the descriptors ---------===//
#include "ClassHierarchy.h"

using namespace llvm;

namespace pybridge {

std::string ClassHierarchy::typeNameOf(StringRef Path) {
  auto [It, Inserted] = TypeNames.try_emplace(Path, Path.str());
  if (!Inserted)
    return It->second;
  Resolution R = Store.resolve(Path);
  if (R.Found && R.Found->kind() == SymbolKind::Class)
    It->second = R.Found->typeName().str();
  return It->second;
}

std::optional<Symbol> ClassHierarchy::classNamed(StringRef TypeName) {
  Resolution R = Store.resolve(TypeName);
  if (R.Found && R.Found->kind() == SymbolKind::Class)
    return R.Found;
  return std::nullopt;
}

/// Where a class is found by its type name: undotted names are builtins.
static std::string classPath(StringRef TypeName) {
  return TypeName.contains('.') ? TypeName.str() : ("builtins." + TypeName).str();
}

/// Names that are typing constructs, not classes with a `types` entry.
static bool namesNoClass(StringRef Name) {
  return Name.empty() || Name.starts_with("@") || Name == "Union" || Name == "Literal" ||
         Name == "None" || Name == "Any" || Name == "?" || Name == "..." || Name == "params" ||
         Name == "value" || Name == "NoReturn";
}

std::optional<TypeEntry> ClassHierarchy::typeEntry(StringRef TypeName) {
  auto [It, Inserted] = Entries.try_emplace(TypeName);
  if (!Inserted || namesNoClass(TypeName))
    return It->second;
  // Every descriptor states the types it names; a class's own descriptor
  // states it too (found by its path: builtins for undotted names).
  for (const std::unique_ptr<Descriptor> &D : Store.loaded())
    if (std::optional<TypeEntry> Entry = D->typeEntry(TypeName))
      return It->second = Entry;
  if (std::optional<Symbol> Class = classNamed(classPath(TypeName)))
    It->second = Class->descriptor().typeEntry(TypeName);
  return It->second;
}

bool ClassHierarchy::hasMembers(StringRef TypeName, ArrayRef<StringRef> Names) {
  if (namesNoClass(TypeName))
    return false;
  std::optional<Symbol> Class = classNamed(classPath(TypeName));
  return Class && llvm::all_of(Names, [&](StringRef Name) { return Class->member(Name); });
}

} // namespace pybridge
