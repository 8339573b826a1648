//===- ResultChecker.cpp - a stub's result against Python's ---------------===//
#include "ResultChecker.h"

#include "PythonText.h"

#include "clang/AST/ASTContext.h"
#include "clang/Lex/Lexer.h"

using namespace clang;
using namespace llvm;

namespace pybridge {

namespace {

bool isIteratorName(StringRef Name) {
  return Name == "Iterator" || Name == "Generator" || Name == "AsyncIterator" ||
         Name == "AsyncGenerator";
}

bool isIterableName(StringRef Name) {
  return Name == "Iterable" || Name == "AsyncIterable" || Name == "Collection";
}

/// What the worker can stream item by item (it iterates any iterable result).
bool isStreamable(StringRef Name) {
  return isIteratorName(Name) || isIterableName(Name) || Name == "list" || Name == "tuple" ||
         Name == "set" || Name == "frozenset" || Name == "Sequence" || Name == "MutableSequence" ||
         Name == "AbstractSet" || Name == "dict" || Name == "Mapping" || Name == "numpy.ndarray";
}

} // namespace

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
  bool Iterator = C.Generator || C.AsyncGenerator || (Returns && isIteratorName(Returns->name()));
  bool Iterable = Returns && isIterableName(Returns->name());

  if (std::optional<QualType> Item = Types.streamItem(Result)) {
    checkStream(S, C, Returns, Iterator, *Item, A);
    return;
  }
  if (Iterator && !Iterable) {
    TypeExpr Each = Returns && Returns->numArgs() > 0 ? Returns->arg(0) : TypeExpr();
    unsigned What = C.AsyncGenerator ? 1 : C.Generator ? 0 : 2;
    A.Problems.push_back({Diag::NeedsStream, Loc, {C.DisplayName, What, formatType(Each)}, {}});
    return;
  }
  if (!Returns || Returns->isAny())
    return;
  if (Returns->name() == "None") {
    A.Problems.push_back({Diag::ReturnsNone, Loc, {C.DisplayName}, {}});
    return;
  }
  if (Types.matches(*Returns, Result, Direction::Result))
    return;
  if (std::optional<Problem> None = noneResult(S.FD, C.DisplayName, *Returns, Result)) {
    A.Problems.push_back(std::move(*None));
    return;
  }
  A.Problems.push_back({Diag::ReturnType, Loc, {C.DisplayName, formatType(*Returns), Result}, {}});
}

void ResultChecker::checkStream(const Stub &S, const Callee &C,
                                const std::optional<TypeExpr> &Returns, bool Iterator,
                                QualType Item, Attempt &A) {
  SourceLocation Loc = S.FD->getLocation();
  std::optional<TypeExpr> Each = streamedItems(Returns, Iterator);
  if (!Each) {
    A.Problems.push_back({Diag::StreamNotIterator, Loc, {C.DisplayName, formatType(*Returns)}, {}});
    return;
  }
  if (!Types.matches(*Each, Item, Direction::Result))
    A.Problems.push_back({Diag::StreamItemType, Loc, {C.DisplayName, formatType(*Each), Item}, {}});
}

std::optional<TypeExpr> ResultChecker::streamedItems(const std::optional<TypeExpr> &Returns,
                                                     bool Iterator) {
  if (!Returns || Returns->isAny())
    return TypeExpr();
  StringRef Name = Returns->name();
  if (Iterator || isStreamable(Name)) {
    bool Typed = Returns->numArgs() > 0 && Name != "numpy.ndarray";
    return Typed ? Returns->arg(0) : TypeExpr();
  }
  // An instance of a class with __iter__ (range, a sympy set): items as it
  // declares them.
  std::optional<Symbol> Class = Types.classes().classNamed(Name);
  std::optional<Symbol> Iter = Class ? Class->member("__iter__") : std::nullopt;
  if (!Iter)
    return std::nullopt;
  for (const Signature &Sig : Iter->signatures())
    if (std::optional<TypeExpr> Items = Sig.returns();
        Items && Items->numArgs() > 0 && isIteratorName(Items->name()))
      return Items->arg(0);
  return TypeExpr();
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
