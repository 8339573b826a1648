//===- ResultChecker.h - a stub's result against Python's -------*- C++ -*-===//
//
// Checks what a stub returns against what the Python callable returns: a value
// of a type the runtime converts, void (ignored), an Object handle, a
// std::future of any of these, or a pybridge::Stream for generators, iterators
// and collections streamed item by item.
//
//===----------------------------------------------------------------------===//
#ifndef PYBRIDGE_PLUGIN_RESULTCHECKER_H
#define PYBRIDGE_PLUGIN_RESULTCHECKER_H

#include "CallBinding.h"

namespace pybridge {

class ResultChecker {
public:
  explicit ResultChecker(TypeMatcher &Types) : Types(Types) {}

  /// The stub's result against Sig's; problems go into A.
  void check(const Stub &S, const Callee &C, const Signature &Sig, Attempt &A);

  /// When FD's result would fit Python's `Returns` but for None, which Result
  /// cannot hold: the error, with a fix-it wrapping the result in
  /// std::optional.
  std::optional<Problem> noneResult(const clang::FunctionDecl *FD, llvm::StringRef DisplayName,
                                    const TypeExpr &Returns, clang::QualType Result);

private:
  /// A pybridge::Stream result: what Python's result yields must fit Item.
  void checkStream(const Stub &S, const Callee &C, const std::optional<TypeExpr> &Returns,
                   clang::QualType Item, Attempt &A);

  TypeMatcher &Types;
};

/// The return type the worker hands back: coroutines and awaitables are awaited
/// there.
std::optional<TypeExpr> awaitedReturn(const Signature &Sig);

} // namespace pybridge

#endif
