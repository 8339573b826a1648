//===- SignatureChecker.h - stubs against signatures ------------*- C++ -*-===//
//
// Matches a stub's parameters to a Python signature the way a Python call binds
// its arguments: by position into positional parameters (positional-only ones
// by position only), then by name (keyword-only parameters must carry the
// Python name), extra ones into *args / **kwargs. The result says which C++
// argument goes by which keyword; problems are reported at the stub with a note
// showing the Python signature and where its types came from. Overloads match
// when any one fits.
//
//===----------------------------------------------------------------------===//
#ifndef PYBRIDGE_PLUGIN_SIGNATURECHECKER_H
#define PYBRIDGE_PLUGIN_SIGNATURECHECKER_H

#include "Descriptor.h"
#include "Diagnostics.h"
#include "PluginOptions.h"
#include "TypeMapping.h"

#include "clang/AST/Decl.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>
#include <variant>

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
  using Arg = std::variant<std::string, unsigned, clang::QualType>;
  Diag Which;
  clang::SourceLocation Loc;
  llvm::SmallVector<Arg, 4> Args;
  std::optional<clang::FixItHint> Fix;
  /// One line for the overload notes ("parameter 'x' expects 'int', not
  /// 'double'").
  std::string Summary;
};

/// Reports a problem with its arguments and fix-it.
void reportProblem(Diagnostics &Diags, const Problem &P);

/// The stub's parameters with their Python names and whether they may be
/// omitted.
Stub describeStub(const clang::FunctionDecl *FD, TypeMatcher &Types);

class SignatureChecker {
public:
  SignatureChecker(TypeMatcher &Types, Diagnostics &Diags, const PluginOptions &Options)
      : Types(Types), Diags(Diags), Options(Options) {}

  /// Checks S against every signature of C; reports problems (or, with several
  /// overloads and none fitting, one error listing them) and returns the
  /// binding of the first fit.
  std::optional<Binding> check(const Stub &S, const Callee &C);

  /// Whether the runtime can convert every parameter of FD to Python and (with
  /// Result) its result back; reports each that it cannot.
  bool checkConvertible(const clang::FunctionDecl *FD, bool Result);

  /// When FD's result would fit Python's `Returns` but for None, which Result
  /// cannot hold: the error, with a fix-it wrapping the result in
  /// std::optional.
  std::optional<Problem> noneResult(const clang::FunctionDecl *FD, llvm::StringRef DisplayName,
                                    const TypeExpr &Returns, clang::QualType Result);

  /// The "declared here as" note for a signature.
  void noteSignature(const Callee &C, const Signature &Sig);

private:
  struct Attempt {
    Binding Bound;
    llvm::SmallVector<Problem, 2> Problems;
  };
  Attempt match(const Stub &S, const Callee &C, const Signature &Sig);
  void checkResult(const Stub &S, const Callee &C, const Signature &Sig, Attempt &A);
  void warnUntyped(const Stub &S, const Callee &C, const Signature &Sig, const Attempt &A);

  TypeMatcher &Types;
  Diagnostics &Diags;
  const PluginOptions &Options;
};

} // namespace pybridge

#endif
