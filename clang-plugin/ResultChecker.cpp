//===- ResultChecker.cpp - a stub's result against Python's ---------------===//
#include "ResultChecker.h"

#include "PythonText.h"

#include "clang/AST/ASTContext.h"
#include "clang/Lex/Lexer.h"

using namespace clang;
using namespace llvm;

namespace pybridge {

std::optional<TypeExpr> awaitedReturn(const Signature &Sig) {
  std::optional<TypeExpr> Returns = Sig.returns();
  while (Returns && (Returns->name() == "Awaitable" || Returns->name() == "Coroutine") &&
         Returns->numArgs() > 0)
    Returns = Returns->arg(Returns->numArgs() - 1);
  return Returns;
}

void ResultChecker::check(const Stub &S, const Callee &C, const Signature &Sig, Attempt &A) {
  QualType Result = S.FD->getReturnType();
  if (std::optional<QualType> Value = Types.futureValue(Result))
    Result = *Value; // runs on the runtime's pool; T is what Python returns
  CppKind Kind = Types.classify(Result).Kind;
  if (Kind == CppKind::Void || Kind == CppKind::Object)
    return;
  SourceLocation Loc = S.FD->getLocation();
  std::optional<TypeExpr> Returns = awaitedReturn(Sig);
  // A generator function always returns a generator, whatever it is annotated.
  bool Generator = C.Generator || C.AsyncGenerator;

  if (std::optional<QualType> Item = Types.streamItem(Result)) {
    checkStream(S, C, Returns, *Item, A);
    return;
  }
  bool Typed = Returns && !Returns->isAny() && Returns->name() != "None";
  if (!Generator && Typed && Types.matches(*Returns, Result, Direction::Result))
    return;
  if (Generator || (Typed && Types.isIterator(*Returns))) {
    std::optional<PyType> Each = Returns ? Types.iteratedItem(*Returns) : std::nullopt;
    unsigned What = C.AsyncGenerator ? 1 : C.Generator ? 0 : 2;
    A.Problems.push_back(
        {Diag::NeedsStream, Loc, {C.DisplayName, What, Each ? Each->str() : "Any"}, {}});
    return;
  }
  if (!Returns || Returns->isAny())
    return;
  if (Returns->name() == "None") {
    A.Problems.push_back({Diag::ReturnsNone, Loc, {C.DisplayName}, {}});
    return;
  }
  if (std::optional<Problem> None = noneResult(S.FD, C.DisplayName, *Returns, Result)) {
    A.Problems.push_back(std::move(*None));
    return;
  }
  A.Problems.push_back({Diag::ReturnType, Loc, {C.DisplayName, formatType(*Returns), Result}, {}});
}

void ResultChecker::checkStream(const Stub &S, const Callee &C,
                                const std::optional<TypeExpr> &Returns, QualType Item, Attempt &A) {
  SourceLocation Loc = S.FD->getLocation();
  std::optional<PyType> Each = Returns ? Types.iteratedItem(*Returns) : PyType();
  if (!Each) {
    A.Problems.push_back({Diag::StreamNotIterator, Loc, {C.DisplayName, formatType(*Returns)}, {}});
    return;
  }
  if (!Types.matches(*Each, Item, Direction::Result))
    A.Problems.push_back({Diag::StreamItemType, Loc, {C.DisplayName, Each->str(), Item}, {}});
}

std::optional<Problem> ResultChecker::noneResult(const FunctionDecl *FD, StringRef DisplayName,
                                                 const TypeExpr &Returns, QualType Result) {
  if (!Types.matchesUnlessNone(Returns, Result))
    return std::nullopt;
  Problem P{Diag::ResultMayBeNone,
            FD->getLocation(),
            {DisplayName.str(), formatType(Returns), Result},
            std::nullopt};
  // The declared result itself (not inside std::future), as written outside
  // macros.
  SourceRange Range = FD->getReturnTypeSourceRange();
  const ASTContext &Context = FD->getASTContext();
  if (Range.isValid() && !Range.getBegin().isMacroID() && !Range.getEnd().isMacroID() &&
      Context.hasSameType(FD->getReturnType(), Result)) {
    CharSourceRange Tokens = CharSourceRange::getTokenRange(Range);
    StringRef Text =
        Lexer::getSourceText(Tokens, Context.getSourceManager(), Context.getLangOpts());
    if (!Text.empty())
      P.Fix = FixItHint::CreateReplacement(Tokens, ("std::optional<" + Text + ">").str());
  }
  return P;
}

} // namespace pybridge
