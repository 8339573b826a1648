//===- SignatureChecker.h - stubs against signatures ------------*- C++ -*-===//
//
// Checks a stub against a Python callable: its parameters (ArgumentBinder) and
// its result (ResultChecker) against each signature, then picks the overload
// that fits. An overload that binds every argument to a declared parameter
// beats one that takes some into **kwargs only by their C++ names; overloads
// that bind them differently in ways neither settles are an error. When none
// fits, the closest overload's own problems are reported first, with fix-its,
// then the other overloads. Every problem is reported at the stub with a note
// showing the Python signature and where its types came from.
//
//===----------------------------------------------------------------------===//
#ifndef PYBRIDGE_PLUGIN_SIGNATURECHECKER_H
#define PYBRIDGE_PLUGIN_SIGNATURECHECKER_H

#include "CallBinding.h"
#include "Descriptor.h"
#include "Diagnostics.h"
#include "PluginOptions.h"
#include "ResultChecker.h"
#include "TypeMatcher.h"

#include "clang/AST/Decl.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>

namespace pybridge {

class SignatureChecker {
public:
  SignatureChecker(TypeMatcher &Types, Diagnostics &Diags, const PluginOptions &Options)
      : Types(Types), Diags(Diags), Options(Options), Results(Types) {}

  /// Checks S against every signature of C; reports problems (or, with several
  /// overloads and none fitting, the closest one's and the others') and returns
  /// the binding of the overload that fits best.
  std::optional<Binding> check(const Stub &S, const Callee &C);

  /// Whether the runtime can convert every parameter of FD to Python and (with
  /// Result) its result back; reports each that it cannot.
  bool checkConvertible(const clang::FunctionDecl *FD, bool Result);

  /// When FD's result would fit Python's `Returns` but for None, which Result
  /// cannot hold: the error, with a fix-it wrapping the result in
  /// std::optional.
  std::optional<Problem> noneResult(const clang::FunctionDecl *FD, llvm::StringRef DisplayName,
                                    const TypeExpr &Returns, clang::QualType Result) {
    return Results.noneResult(FD, DisplayName, Returns, Result);
  }

  /// The "declared here as" note for a signature.
  void noteSignature(const Callee &C, const Signature &Sig);

private:
  Attempt attempt(const Stub &S, const Callee &C, const Signature &Sig,
                  llvm::ArrayRef<Presence> Presences = {});
  /// When no overload takes the stub's std::optional arguments both ways: the
  /// binding if, for each way they can be (each holding a value or left out),
  /// some overload fits, all alike (`round(double, std::optional<long>)` is
  /// round(number) or round(number, ndigits)).
  std::optional<Binding> fitsSplitByOptionals(const Stub &S, const Callee &C);
  /// Among overloads that fit: the one binding the most arguments to declared
  /// parameters (see the file comment). Nothing, after an error, when that is
  /// ambiguous.
  std::optional<size_t> bestFit(const Stub &S, const Callee &C, llvm::ArrayRef<Attempt> Attempts);
  /// No overload fits: the meant or closest one's problems, then the others.
  void reportMismatch(const Stub &S, const Callee &C, llvm::ArrayRef<Attempt> Attempts);
  void warnUntyped(const Stub &S, const Callee &C, const Signature &Sig, const Attempt &A);

  TypeMatcher &Types;
  Diagnostics &Diags;
  const PluginOptions &Options;
  ResultChecker Results;
};

} // namespace pybridge

#endif
