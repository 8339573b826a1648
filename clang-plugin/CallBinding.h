//===- CallBinding.h - a stub's parameters bound to one signature -*- C++ -*-===//
//
// Binds a stub's C++ parameters to one Python signature the way a Python call
// binds its arguments, one rule per unit: `self`, positional parameters, the
// keyword a name gives, optionals that may be left out, `*args`, `**kwargs`,
// and the parameters nothing takes. The rules are stated in docs/plugin.md
// ("Parameters"); in short, a C++ parameter named after a Python parameter
// binds to that parameter or is an error, and [[pybridge::name]] always passes
// its argument by that keyword.
//
//===----------------------------------------------------------------------===//
#ifndef PYBRIDGE_PLUGIN_CALLBINDING_H
#define PYBRIDGE_PLUGIN_CALLBINDING_H

#include "Descriptor.h"
#include "Diagnostics.h"
#include "TypeMatcher.h"

#include "clang/AST/Decl.h"
#include "clang/Basic/Diagnostic.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>

namespace pybridge {

/// One C++ parameter of a stub.
struct StubParam {
  const clang::ParmVarDecl *Decl = nullptr;
  /// [[pybridge::name("...")]] or the C++ name; empty when unnamed.
  std::string PyName;
  bool NameFromAttribute = false;
  /// std::optional: an empty one is left out, so Python's default applies.
  bool Omittable = false;
};

/// What is being checked: a function, method or constructor declaration.
struct Stub {
  const clang::FunctionDecl *FD = nullptr;
  llvm::SmallVector<StubParam, 4> Params;
  /// Constructors have no result to check.
  bool ChecksResult = true;
  /// A free function bound to an instance method ("str.upper"): the first C++
  /// parameter is `self`, of this Python type.
  std::optional<std::string> SelfType;
};

/// The Python callable the stub is checked against.
struct Callee {
  std::string DisplayName; // "statistics.median", "dspy.Predict.forward"
  std::string PyName;      // "median", for the signature text
  llvm::SmallVector<Signature, 1> Signatures;
  bool Generator = false;
  bool AsyncGenerator = false;
  /// Constructor signatures are shown without their result.
  bool IsConstructor = false;
  /// Where the "declared here as" note points.
  clang::SourceLocation NoteLoc;

  /// A function or method (its signatures), or a class called (its
  /// constructors).
  static Callee of(const Symbol &Sym, llvm::StringRef DisplayName, clang::SourceLocation NoteLoc);
};

/// How a stub that fits is called.
struct Binding {
  /// The Python keyword for each C++ argument, empty for positional.
  llvm::SmallVector<std::string, 4> Keywords;
  /// Per C++ argument: a std::vector that Python wants as a tuple.
  llvm::SmallVector<bool, 4> AsTuple;
  /// Where the types of the signature that fits came from ("runtime",
  /// "stub:...").
  std::string Source;
  std::string SignatureText;
};

/// A problem found while matching, reported only if no overload fits.
struct Problem {
  Diag Which;
  clang::SourceLocation Loc;
  llvm::SmallVector<DiagArg, 4> Args;
  std::optional<clang::FixItHint> Fix;
};

/// Reports a problem with its arguments and fix-it.
void reportProblem(Diagnostics &Diags, const Problem &P);

/// One signature tried: how the stub binds to it and what does not fit.
struct Attempt {
  Binding Bound;
  llvm::SmallVector<Problem, 2> Problems;
  /// Reported only if this signature is the one that fits.
  llvm::SmallVector<Problem, 1> Warnings;
  /// Per C++ parameter: the index of the Python parameter it went to (*args
  /// and **kwargs included), if any.
  llvm::SmallVector<std::optional<unsigned>, 4> Targets;
  /// The C++ parameters that went into **kwargs under their own C++ name (not
  /// a [[pybridge::name]]): an overload declaring them binds them better.
  llvm::SmallVector<unsigned, 2> OwnNamesIntoKwargs;

  bool fits() const { return Problems.empty(); }
};

/// How a std::optional argument is checked: as holding a value (its type
/// must fit), as left out (Python needs a default), or as either, which one
/// signature must then take both ways.
enum class Presence { Either, Present, Absent };

/// The stub's parameters with their Python names and whether they may be
/// omitted.
Stub describeStub(const clang::FunctionDecl *FD, TypeMatcher &Types);

/// Binds one stub to one signature (parameters only; results are checked by
/// ResultChecker). One use per object.
class ArgumentBinder {
public:
  ArgumentBinder(TypeMatcher &Types, const Stub &S, const Callee &C, const Signature &Sig,
                 llvm::ArrayRef<Presence> Presences = {});

  /// Binds every parameter and reports the required ones left out into A.
  void bind(Attempt &A);

private:
  /// The receiver of a method called through its class ("str.upper").
  bool bindSelf();
  /// One C++ parameter; false when the stub has more than Python takes (the
  /// rest are not looked at).
  bool bindArgument(unsigned I);
  /// [[pybridge::name("p")]]: by keyword p, whatever its position.
  void bindNamed(unsigned I);
  /// Python's next positional parameter J.
  void bindSlot(unsigned I, unsigned J);
  void bindVarPositional(unsigned I);
  void bindKeyword(unsigned I, unsigned J);
  void bindVarKeyword(unsigned I);
  /// Nothing takes the parameter: a misspelt name, a keyword-only parameter
  /// left unnamed, or too many parameters. False for too many.
  bool reportUnbound(unsigned I);
  void reportMissing();

  /// An omittable argument needs a Python default.
  void requireDefault(unsigned I, unsigned J);
  void checkType(unsigned I, const TypeExpr &Expected, llvm::StringRef PyName);
  /// Reports a C++ callable that does not fit (arity, or types); false when P
  /// is no callable.
  bool reportCallable(const StubParam &P, const TypeExpr &Expected, llvm::StringRef PyName);
  /// The parameter (not *args/**kwargs) named Name; with Keywordable, only one
  /// that may be passed by keyword.
  std::optional<unsigned> paramNamed(llvm::StringRef Name, bool Keywordable) const;
  /// The unfilled keyword-only parameter an unnamed or misnamed C++ parameter
  /// most likely means, and whether that is clear enough for a fix-it.
  std::optional<std::pair<unsigned, bool>> keywordOnlyMeant(const StubParam &P) const;
  std::optional<clang::FixItHint> renameFix(const StubParam &P, llvm::StringRef Name) const;
  /// The names of the parameters not yet filled that take a keyword.
  llvm::SmallVector<llvm::StringRef, 8> unfilledKeywords() const;
  std::string starred(unsigned J) const;
  void add(Diag Which, clang::SourceLocation Loc, llvm::SmallVector<DiagArg, 4> Args,
           std::optional<clang::FixItHint> Fix = std::nullopt);

  Presence presenceOf(unsigned I) const {
    return I < Presences.size() ? Presences[I] : Presence::Either;
  }

  TypeMatcher &Types;
  const Stub &S;
  const Callee &C;
  llvm::ArrayRef<Param> Py;
  llvm::ArrayRef<Presence> Presences;
  Attempt *A = nullptr;

  llvm::SmallVector<bool, 8> Assigned;
  llvm::SmallVector<unsigned, 8> Slots; // positional parameters, in order
  std::optional<unsigned> VarArgs, VarKeywords;
  unsigned NextSlot = 0;
  unsigned First = 0; // 1 when the first C++ parameter is `self`
  /// The first C++ parameter passed by keyword: every later one goes by
  /// keyword too.
  const StubParam *FirstKeyword = nullptr;
  bool KeywordPhase = false;
  /// The last std::optional passed by position: when it is empty the runtime
  /// leaves it out, so later arguments cannot go by position.
  const StubParam *Omitted = nullptr;
};

} // namespace pybridge

#endif
