//===- TypeMapping.h - C++ types for Python types ---------------*- C++ -*-===//
//
// The compile-time half of the type mapping table (docs/plugin.md); the
// run-time half is pybridge/convert.hpp. A C++ type is first classified by what
// its Converter does (CppShape), then matched against a Python TypeExpr in one
// direction: an argument goes to Python, a result comes back. Both halves must
// agree: a type is accepted here only if the runtime converts it that way.
//
//===----------------------------------------------------------------------===//
#ifndef PYBRIDGE_PLUGIN_TYPEMAPPING_H
#define PYBRIDGE_PLUGIN_TYPEMAPPING_H

#include "Descriptor.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Type.h"
#include "clang/Sema/Sema.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace pybridge {

enum class CppKind {
  Void,
  Bool,
  Int,
  Float,
  Str,      // std::string: both ways
  StrIn,    // std::string_view, const char *: to Python only
  Bytes,    // pybridge::Bytes (std::vector<std::byte>)
  Complex,  // std::complex<T>
  None,     // std::nullptr_t, std::monostate
  DateTime, // std::chrono::system_clock::time_point
  Duration, // std::chrono::duration
  Vector,   // std::vector<T>
  Set,      // std::set / std::unordered_set
  Map,      // std::map / std::unordered_map
  Tuple,    // std::tuple / std::pair
  Optional, // std::optional<T>
  Variant,  // std::variant<...>
  Object,   // pybridge::Object or Value, or an unbound class deriving from Object
  Bound,    // a class bound with [[pybridge::bind]]
  NDArray,  // pybridge::NDArray
  Stream,   // pybridge::Stream<T>
  Future,   // std::future<T>
  Callable, // a lambda, function pointer, std::function, pybridge::Callback (arguments only)
  Custom,   // converted by the user's own pybridge::Converter: checked at run time
  Unsupported,
};

struct CppShape {
  CppKind Kind = CppKind::Unsupported;
  /// Element, key/value, alternatives; Callable: the result, then the parameters
  /// (none known for pybridge::Callback).
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

/// Answers class questions the matcher cannot answer alone (Python's class
/// hierarchy).
class ClassRelations {
public:
  virtual ~ClassRelations() = default;
  /// The Python type name of the class bound at `Path`
  /// ("dspy.predict.Predict").
  virtual std::string typeNameOf(llvm::StringRef Path) = 0;
  /// Whether Python class `Sub` is `Base` or derives from it (both type names).
  virtual bool isSubclass(llvm::StringRef Sub, llvm::StringRef Base) = 0;
  /// The class with this type name, if its descriptor can be had.
  virtual std::optional<Symbol> classNamed(llvm::StringRef TypeName) = 0;
  /// The builtin type (int, str, dict, tuple, ...) whose value the worker
  /// sends for instances of this class, if any: it sends subclasses of the
  /// value types by value (IntEnum as int, a namedtuple as tuple).
  virtual std::optional<std::string> valueTypeOf(llvm::StringRef TypeName) = 0;
};

class TypeMatcher {
public:
  TypeMatcher(clang::Sema &S, ClassRelations &Classes) : S(S), Classes(Classes) {}

  CppShape classify(clang::QualType T);

  /// Why the runtime cannot send T to Python (Argument) or receive T from it
  /// (Result), if it cannot: exactly what pybridge::Converter<T> provides,
  /// user specializations included.
  std::optional<Unconvertible> unconvertible(clang::QualType T, Direction Dir);

  /// Whether A and B are the same type, qualifiers included.
  bool sameType(clang::QualType A, clang::QualType B) const { return S.Context.hasSameType(A, B); }

  /// Where checking happens now (templates are instantiated there).
  void setLocation(clang::SourceLocation L) { Loc = L; }

  /// Whether values of C++ type T, converted as the runtime does, fit Python
  /// type Py (Argument), or whether Python values of type Py convert into T
  /// (Result).
  /// An argument vector fits a Python tuple only as a whole and only when the
  /// caller can send it as one: then *SendsTuple says so.
  bool matches(const TypeExpr &Py, clang::QualType T, Direction Dir, bool *SendsTuple = nullptr);

  /// Whether a result of union type Py would fit T but for its None arm (T
  /// cannot hold None).
  bool matchesUnlessNone(const TypeExpr &Py, clang::QualType T);

  /// As matches(), for a Python type known only by name (a class, `self`).
  bool matchesTypeName(llvm::StringRef PyName, clang::QualType T, Direction Dir);

  /// The item type of a pybridge::Stream<T> / the value type of a
  /// std::future<T>.
  std::optional<clang::QualType> streamItem(clang::QualType T);
  std::optional<clang::QualType> futureValue(clang::QualType T);
  ClassRelations &classes() { return Classes; }

private:
  /// The pybridge::Converter specialization for a type, and whose it is.
  struct Converter {
    enum Origin { Runtime, User, None } From = None;
    clang::CXXRecordDecl *Spec = nullptr;
  };
  Converter converterFor(clang::QualType T);
  clang::ClassTemplateDecl *converterTemplate();
  bool hasMember(clang::CXXRecordDecl *Spec, llvm::StringRef Name);
  CppShape classifyByName(clang::QualType T, const clang::CXXRecordDecl *RD);

  bool matchesShape(const TypeExpr &Py, clang::QualType T, const CppShape &C, Direction Dir,
                    unsigned Depth);
  bool matchesUnion(const TypeExpr &Py, clang::QualType T, const CppShape &C, Direction Dir,
                    unsigned Depth);
  bool matchesNamed(llvm::StringRef Name, const TypeExpr &Py, const CppShape &C, Direction Dir,
                    unsigned Depth);
  bool matchesElements(const TypeExpr &Py, const CppShape &C, Direction Dir, unsigned Depth);
  /// Matches a type inside a container (or variant), which its Converter sends.
  bool matchesInner(const TypeExpr &Py, clang::QualType T, Direction Dir, unsigned Depth);
  bool matchesClass(llvm::StringRef PyName, const CppShape &C, Direction Dir, unsigned Depth);
  bool acceptsNone(const CppShape &C);
  // CallableMatching.cpp: C++ callables against Python's Callable[[A, ...], R].
  std::optional<CppShape> classifyCallable(clang::QualType Canon);
  bool matchesCallable(const TypeExpr &Py, const CppShape &C, Direction Dir, unsigned Depth);

  clang::Sema &S;
  ClassRelations &Classes;
  clang::SourceLocation Loc;
  /// During matches(): where to note that an argument goes as a tuple, and
  /// how deep inside containers the match is.
  bool *TupleWanted = nullptr;
  unsigned Nesting = 0;
  /// pybridge::Converter and what it gives each type (by canonical type).
  clang::ClassTemplateDecl *ConverterTemplate = nullptr;
  llvm::DenseMap<clang::QualType, Converter> Converters;
};

} // namespace pybridge

#endif
