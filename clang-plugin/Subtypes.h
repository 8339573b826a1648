//===- Subtypes.h - Python's subtype relation -------------------*- C++ -*-===//
//
// Whether a value of one Python type is a value of another, as Python's typing
// rules say. The checker knows no class by name: it asks the descriptors'
// `types` tables, where the agent recorded for every class what else its
// instances are (nominal bases from the MRO and the stubs, ABC registration,
// structural protocols, numeric promotion; see
// python/pybridge_agent/describe/subtypes.py). The one rule of the bridge's own:
// a bool is not sent or received as a number (docs/type-mapping.md).
//
//===----------------------------------------------------------------------===//
#ifndef PYBRIDGE_PLUGIN_SUBTYPES_H
#define PYBRIDGE_PLUGIN_SUBTYPES_H

#include "Descriptor.h"
#include "PythonType.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"

#include <optional>
#include <string>

namespace pybridge {

/// What the checker needs to know about Python classes, from descriptors.
class ClassRelations {
public:
  virtual ~ClassRelations() = default;
  /// The Python type name of the class bound at `Path`
  /// ("dspy.predict.Predict" for "dspy.Predict").
  virtual std::string typeNameOf(llvm::StringRef Path) = 0;
  /// The class with this type name, if its descriptor can be had.
  virtual std::optional<Symbol> classNamed(llvm::StringRef TypeName) = 0;
  /// The `types` table entry of a Python type name, from a descriptor that has
  /// it.
  virtual std::optional<TypeEntry> typeEntry(llvm::StringRef TypeName) = 0;
  /// Whether the class with this type name has all these members.
  virtual bool hasMembers(llvm::StringRef TypeName, llvm::ArrayRef<llvm::StringRef> Names) = 0;
};

class Subtypes {
public:
  /// Which of the recorded relations count: all of them, or only declared
  /// inheritance (a result's declared type narrowed to what C++ can hold).
  enum class Relation { Any, Nominal };

  explicit Subtypes(ClassRelations &Classes) : Classes(Classes) {}

  /// Whether every value of Sub is a value of Super.
  bool isSubtype(const PyType &Sub, const PyType &Super, Relation R = Relation::Any) {
    return subtype(Sub, Super, R, 0);
  }

  /// Sub as an instance of the (generic) type `Name`, its type arguments in
  /// place: `list[int]` as "Iterable" is `Iterable[int]`. Nothing when Sub is
  /// not one.
  std::optional<PyType> asInstanceOf(const PyType &Sub, llvm::StringRef Name,
                                     Relation R = Relation::Any);

  /// Whether a Python result declared as `Declared` converts into a C++ type
  /// whose Converter takes `Accepts`: its values are values of `Accepts`, or
  /// travel as one (a numpy integer as an int, an IntEnum as an int).
  bool convertsInto(const PyType &Declared, const PyType &Accepts);

  ClassRelations &classes() { return Classes; }

private:
  bool subtype(const PyType &Sub, const PyType &Super, Relation R, unsigned Depth);
  bool argumentsFit(const PyType &Sub, const PyType &Super, Relation R, unsigned Depth);
  std::optional<PyType> instance(const PyType &Sub, llvm::StringRef Name, Relation R);
  std::optional<PyType> alias(llvm::StringRef Name);
  /// Whether Sub has the members of the protocol `Name` (one that Sub's own
  /// descriptor did not check it against: another module's).
  bool hasProtocolMembers(const PyType &Sub, llvm::StringRef Name);

  ClassRelations &Classes;
  /// The aliases being expanded, with the type checked against each.
  llvm::StringSet<> Expanding;
};

} // namespace pybridge

#endif
