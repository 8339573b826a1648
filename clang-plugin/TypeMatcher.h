//===- TypeMatcher.h - C++ types for Python types ---------------*- C++ -*-===//
//
// Which C++ types stand for which Python types. The C++ side is read from the
// runtime itself: every pybridge::Converter<T> states the Python type it sends
// (`python_type`) and the ones it takes (`python_accepts`), with `@0`, `@1`
// ... for the Python types of its `python_args` (pybridge/convert.hpp). An
// argument fits a Python parameter when the type it is sent as is a subtype of
// the parameter's; a result fits when what Python returns converts into what
// the Converter takes (Subtypes.h). So the plugin accepts exactly what the
// runtime converts.
//
//===----------------------------------------------------------------------===//
#ifndef PYBRIDGE_PLUGIN_TYPEMATCHER_H
#define PYBRIDGE_PLUGIN_TYPEMATCHER_H

#include "Descriptor.h"
#include "PythonType.h"
#include "Subtypes.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Type.h"
#include "clang/Sema/Sema.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace pybridge {

enum class CppKind {
  Void,
  Value,    // a Converter stating the Python types it converts
  Optional, // std::optional<T>: an empty argument is left out (detail/call.hpp)
  Variant,  // std::variant<...>: each alternative as itself
  Object,   // any Python value: pybridge::Object or Value, an unbound class deriving from Object
  Bound,    // a class bound with [[pybridge::bind]]: its Python class
  Stream,   // pybridge::Stream<T>
  Future,   // std::future<T>
  Custom,   // the user's own Converter without statements: checked at run time
  Unsupported,
};

struct CppShape {
  CppKind Kind = CppKind::Unsupported;
  /// The Converter's `python_args` (as written where the type spells them);
  /// Stream and Future: the item.
  llvm::SmallVector<clang::QualType, 2> Args;
  llvm::StringRef BoundPath; // Bound: the Python path of the class
};

enum class Direction { Argument, Result };

/// A C++ type the runtime cannot convert (pybridge/convert.hpp decides), or
/// the type inside it that cannot be.
struct Unconvertible {
  enum Reason { NoConverter, NoToPython, NoFromPython, Incomplete };
  Reason Why;
  clang::QualType Type;
};

class TypeMatcher {
public:
  TypeMatcher(clang::Sema &S, ClassRelations &Classes) : S(S), Classes(Classes), Subs(Classes) {}

  CppShape classify(clang::QualType T);

  /// Why the runtime cannot send T to Python (Argument) or receive T from it
  /// (Result), if it cannot: exactly what pybridge::Converter<T> provides,
  /// user specializations included.
  std::optional<Unconvertible> unconvertible(clang::QualType T, Direction Dir);

  /// The Python type T is sent as, and the Python types it is made from, as
  /// its Converter states them (Any for Object; nothing when it cannot be).
  std::optional<PyType> sentAs(clang::QualType T);
  std::optional<PyType> takes(clang::QualType T);

  /// Whether A and B are the same type, qualifiers included.
  bool sameType(clang::QualType A, clang::QualType B) const { return S.Context.hasSameType(A, B); }

  /// Where checking happens now (templates are instantiated there).
  void setLocation(clang::SourceLocation L) { Loc = L; }

  /// Whether values of C++ type T, converted as the runtime does, fit Python
  /// type Py (Argument), or whether Python values of type Py convert into T
  /// (Result). An argument vector fits a Python tuple only as a whole and
  /// only when the caller can send it as one: then *SendsTuple says so.
  bool matches(const TypeExpr &Py, clang::QualType T, Direction Dir, bool *SendsTuple = nullptr);
  bool matches(const PyType &Py, clang::QualType T, Direction Dir, bool *SendsTuple = nullptr);

  /// Whether a result of union type Py would fit T but for its None arm (T
  /// cannot hold None).
  bool matchesUnlessNone(const TypeExpr &Py, clang::QualType T);

  /// As matches(), for a Python type known only by name (a class, `self`).
  bool matchesTypeName(llvm::StringRef PyName, clang::QualType T, Direction Dir);

  /// What iterating a value of type Py yields (Any when unknown), or nothing
  /// when Python cannot iterate it.
  std::optional<PyType> iteratedItem(const TypeExpr &Py);
  /// Whether values of type Py are iterators (consumed once, streamed).
  bool isIterator(const TypeExpr &Py);

  /// The item type of a pybridge::Stream<T> / the value type of a
  /// std::future<T>.
  std::optional<clang::QualType> streamItem(clang::QualType T);
  std::optional<clang::QualType> futureValue(clang::QualType T);
  ClassRelations &classes() { return Classes; }

private:
  /// The pybridge::Converter specialization for a type, whose it is, and what
  /// it states.
  struct Converter {
    enum Origin { Runtime, User, None } From = None;
    clang::CXXRecordDecl *Spec = nullptr;
    std::optional<PyType> Type, Accepts; // with placeholders
    llvm::SmallVector<clang::QualType, 2> Args;
  };
  const Converter &converterFor(clang::QualType T);
  clang::ClassTemplateDecl *converterTemplate();
  bool hasMember(clang::CXXRecordDecl *Spec, llvm::StringRef Name);
  void readStatements(Converter &C);
  std::optional<PyType> statement(clang::CXXRecordDecl *Spec, llvm::StringRef Member);
  std::optional<PyType> filled(clang::QualType T, bool Sending, unsigned Depth);

  bool matchesArgument(const PyType &Py, clang::QualType T, unsigned Depth);
  bool matchesResult(const PyType &Py, clang::QualType T);

  clang::Sema &S;
  ClassRelations &Classes;
  Subtypes Subs;
  clang::SourceLocation Loc;
  /// During matches(): where to note that an argument goes as a tuple.
  bool *TupleWanted = nullptr;
  /// pybridge::Converter and what it gives each type (by canonical type).
  clang::ClassTemplateDecl *ConverterTemplate = nullptr;
  llvm::DenseMap<clang::QualType, Converter> Converters;
};

} // namespace pybridge

#endif
