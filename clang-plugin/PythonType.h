//===- PythonType.h - Python types the checker reasons about ----*- C++ -*-===//
//
// A Python type as an owned tree, made from a descriptor's TypeExpr or parsed
// from what a pybridge::Converter states about the C++ type it converts
// ("list[@0] | tuple[@0, ...]", see pybridge/convert.hpp). Names are the
// descriptor format's canonical ones ("int", "Sequence", "fractions.Fraction",
// "Union", "Literal"); "@0", "@1", ... stand for type arguments to fill in.
//
//===----------------------------------------------------------------------===//
#ifndef PYBRIDGE_PLUGIN_PYTHONTYPE_H
#define PYBRIDGE_PLUGIN_PYTHONTYPE_H

#include "Descriptor.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace pybridge {

struct PyType {
  std::string Name = "Any";
  std::vector<PyType> Args; // std::vector: PyType is incomplete here
  /// A Literal value's repr (name "value"); an unresolved annotation's text.
  std::string Repr;
  /// A TypeVar's bound: any type within it, as the caller of a generic picks.
  bool TypeVar = false;

  PyType() = default;
  explicit PyType(llvm::StringRef Name, llvm::ArrayRef<PyType> Args = {})
      : Name(Name.str()), Args(Args.begin(), Args.end()) {}

  /// A descriptor's type, copied.
  static PyType of(const TypeExpr &E);
  /// A Converter's statement; nothing when it is not a type expression.
  static std::optional<PyType> parse(llvm::StringRef Text);
  /// `A | B | ...`, nested unions flattened; one arm stands for itself.
  static PyType makeUnion(llvm::ArrayRef<PyType> Arms);

  /// Any, object and what could not be resolved: anything fits it.
  bool isAny() const { return Name == "Any" || Name == "?" || Name == "object"; }
  bool isUnion() const { return Name == "Union"; }
  /// tuple[T, ...]
  bool isVariadicTuple() const {
    return Name == "tuple" && Args.size() == 2 && Args[1].Name == "...";
  }
  /// A placeholder's index ("@2" -> 2), if this is one.
  std::optional<unsigned> placeholder() const;

  /// Replaces "@i" with Fill[i] (Any when missing), "@*" inside an argument
  /// list with all of Fill, and "@|" with their union.
  PyType substitute(llvm::ArrayRef<PyType> Fill) const;

  /// As Python spells it: "list[int]", "int | None".
  std::string str() const;
};

} // namespace pybridge

#endif
