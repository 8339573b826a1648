//===- Subtypes.cpp - Python's subtype relation ---------------------------===//
#include "Subtypes.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

using namespace llvm;

namespace pybridge {

namespace {

constexpr unsigned MaxDepth = 24;

/// The Python type of a Literal value, from its repr.
StringRef literalTypeName(StringRef Repr) {
  if (Repr.starts_with("'") || Repr.starts_with("\""))
    return "str";
  if (Repr.starts_with("b'") || Repr.starts_with("b\""))
    return "bytes";
  if (Repr == "True" || Repr == "False")
    return "bool";
  if (Repr == "None")
    return "None";
  if (!Repr.empty() && (isDigit(Repr.front()) || Repr.front() == '-'))
    return "int";
  return "Any";
}

/// A bool is an int in Python, but a C++ bool where Python takes a number is
/// almost always a mistake in a stub, and the runtime never reads a Python bool
/// as a C++ number: across the bridge, bool is not a number (the builtin ones
/// and the numeric tower's ABCs).
bool isNumber(StringRef Name) {
  return Name == "int" || Name == "float" || Name == "complex" || Name.starts_with("numbers.");
}

/// The type arguments a supertype's `@i` stand for: a tuple's are the union of
/// its items (`tuple[int, str]` is a `Sequence[int | str]`).
std::vector<PyType> fillOf(const PyType &Sub) {
  if (Sub.Name != "tuple" || Sub.Args.empty())
    return Sub.Args;
  if (Sub.isVariadicTuple())
    return {Sub.Args[0]};
  return {PyType::makeUnion(Sub.Args)};
}

} // namespace

std::optional<PyType> Subtypes::asInstanceOf(const PyType &Sub, StringRef Name, Relation R) {
  if (Sub.Name == Name)
    return Sub;
  return instance(Sub, Name, R);
}

std::optional<PyType> Subtypes::instance(const PyType &Sub, StringRef Name, Relation R) {
  std::optional<TypeEntry> Entry = Classes.typeEntry(Sub.Name);
  if (!Entry)
    return std::nullopt;
  for (const TypeEntry::Supertype &Super : Entry->supertypes())
    if (Super.Type.name() == Name && (R == Relation::Any || Super.Nominal))
      return PyType::of(Super.Type).substitute(fillOf(Sub));
  return std::nullopt;
}

std::optional<PyType> Subtypes::alias(StringRef Name) {
  std::optional<TypeEntry> Entry = Classes.typeEntry(Name);
  if (!Entry)
    return std::nullopt;
  if (std::optional<TypeExpr> Alias = Entry->alias())
    return PyType::of(*Alias);
  return std::nullopt;
}

bool Subtypes::subtype(const PyType &Sub, const PyType &Super, Relation R, unsigned Depth) {
  if (Depth > MaxDepth)
    return true; // a pathological type: leave it to run time
  if (Super.isAny() || Sub.isAny() || Sub.Name == "NoReturn")
    return true;
  auto Fits = [&](const PyType &A, const PyType &B) { return subtype(A, B, R, Depth + 1); };
  // A TypeVar stands for the type its caller picks within its bound: a result
  // of `sorted` fits what C++ takes when that could be the picked type.
  if (Super.TypeVar) {
    PyType Bound = Super;
    Bound.TypeVar = false;
    return subtype(Sub, Bound, Relation::Any, Depth + 1);
  }
  if (Sub.TypeVar) { // fits when one of what Super takes could be the type picked
    PyType Bound = Sub;
    Bound.TypeVar = false;
    ArrayRef<PyType> Arms =
        Super.isUnion() ? ArrayRef<PyType>(Super.Args) : ArrayRef<PyType>(Super);
    return any_of(Arms, [&](const PyType &Arm) {
      return Arm.Name != "None" && subtype(Arm, Bound, Relation::Any, Depth + 1);
    });
  }
  if (Sub.isUnion())
    return all_of(Sub.Args, [&](const PyType &Arm) { return Fits(Arm, Super); });
  if (Super.isUnion())
    return any_of(Super.Args, [&](const PyType &Arm) { return Fits(Sub, Arm); });
  if (Sub.Name == "Literal")
    return all_of(Sub.Args,
                  [&](const PyType &V) { return Fits(PyType(literalTypeName(V.Repr)), Super); });
  if (Super.Name == "Literal")
    return any_of(Super.Args,
                  [&](const PyType &V) { return Fits(Sub, PyType(literalTypeName(V.Repr))); });
  if (Sub.Name == Super.Name)
    return argumentsFit(Sub, Super, R, Depth);
  if (std::optional<PyType> Expanded = alias(Super.Name)) {
    // A recursive alias (numpy's nested sequences) holds only for finite
    // nesting: `str`, a sequence of itself, is no array of numbers.
    std::string Key = Sub.str() + " <: " + Super.Name;
    if (!Expanding.insert(Key).second)
      return false;
    bool Fit = Fits(Sub, *Expanded);
    Expanding.erase(Key);
    return Fit;
  }
  if (std::optional<PyType> Expanded = alias(Sub.Name))
    return Fits(*Expanded, Super);
  if (Sub.Name == "bool" && isNumber(Super.Name))
    return false;
  if (std::optional<PyType> View = instance(Sub, Super.Name, R))
    return argumentsFit(*View, Super, R, Depth);
  return R == Relation::Any && hasProtocolMembers(Sub, Super.Name);
}

bool Subtypes::hasProtocolMembers(const PyType &Sub, StringRef Name) {
  std::optional<TypeEntry> Entry = Classes.typeEntry(Name);
  if (!Entry)
    return false;
  SmallVector<StringRef, 4> Members = Entry->protocolMembers();
  return !Members.empty() && Classes.hasMembers(Sub.Name, Members);
}

bool Subtypes::argumentsFit(const PyType &Sub, const PyType &Super, Relation R, unsigned Depth) {
  if (Sub.Args.empty() || Super.Args.empty() || Sub.Name == "Callable")
    return true; // a bare generic: its arguments are Any
  auto Fits = [&](const PyType &A, const PyType &B) { return subtype(A, B, R, Depth + 1); };
  if (Sub.Name == "tuple") {
    if (Super.isVariadicTuple()) {
      const PyType &Item = Super.Args[0];
      if (Sub.isVariadicTuple())
        return Fits(Sub.Args[0], Item);
      return all_of(Sub.Args, [&](const PyType &A) { return Fits(A, Item); });
    }
    if (Sub.isVariadicTuple() || Sub.Args.size() != Super.Args.size())
      return false;
  }
  std::optional<TypeEntry> Entry = Classes.typeEntry(Super.Name);
  for (size_t I = 0, N = std::min(Sub.Args.size(), Super.Args.size()); I < N; ++I) {
    bool Contravariant = Entry && Entry->isContravariant(I);
    if (!(Contravariant ? Fits(Super.Args[I], Sub.Args[I]) : Fits(Sub.Args[I], Super.Args[I])))
      return false;
  }
  return true;
}

bool Subtypes::convertsInto(const PyType &Declared, const PyType &Accepts) {
  if (isSubtype(Declared, Accepts))
    return true;
  std::optional<TypeEntry> Entry = Classes.typeEntry(Declared.Name);
  StringRef Value = Entry ? Entry->valueType() : StringRef();
  return !Value.empty() && isSubtype(PyType(Value), Accepts);
}

} // namespace pybridge
