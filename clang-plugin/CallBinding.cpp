//===- CallBinding.cpp - a stub's parameters bound to one signature -------===//
#include "CallBinding.h"

#include "Attributes.h"
#include "PythonText.h"
#include "Suggest.h"

#include "clang/AST/ASTContext.h"
#include "clang/Lex/Lexer.h"

#include <tuple>

using namespace clang;
using namespace llvm;

namespace pybridge {

namespace {

bool isPositional(ParamKind K) {
  return K == ParamKind::PositionalOnly || K == ParamKind::PositionalOrKeyword;
}

bool isKeywordable(ParamKind K) {
  return K == ParamKind::PositionalOrKeyword || K == ParamKind::KeywordOnly;
}

TypeExpr typeOrAny(const Param &P) { return P.type().value_or(TypeExpr()); }

/// Whether two names read as the same word: one abbreviates or contains the
/// other (`w` and `width`, `max_iter` and `maxiter`).
bool similarNames(StringRef A, StringRef B) {
  if (A.empty() || B.empty())
    return false;
  return abbreviates(A, B) || abbreviates(B, A) || (A.size() >= 3 && B.contains_insensitive(A)) ||
         (B.size() >= 3 && A.contains_insensitive(B));
}

} // namespace

void reportProblem(Diagnostics &Diags, const Problem &P) {
  DiagnosticBuilder Builder = Diags.report(P.Loc, P.Which);
  streamArgs(Builder, P.Args);
  if (P.Fix)
    Builder << *P.Fix;
}

Stub describeStub(const FunctionDecl *FD, TypeMatcher &Types) {
  Stub S;
  S.FD = FD;
  for (const ParmVarDecl *Param : FD->parameters()) {
    StubParam P;
    P.Decl = Param;
    if (std::optional<StringRef> Name = pythonNameOverride(Param)) {
      P.PyName = Name->str();
      P.NameFromAttribute = true;
    } else if (Param->getIdentifier()) {
      P.PyName = Param->getName().str();
    }
    P.Omittable = Types.classify(Param->getType()).Kind == CppKind::Optional;
    S.Params.push_back(std::move(P));
  }
  return S;
}

Callee Callee::of(const Symbol &Sym, StringRef DisplayName, SourceLocation NoteLoc) {
  Callee C;
  C.DisplayName = DisplayName.str();
  C.PyName = Sym.name().str();
  C.IsConstructor = Sym.kind() == SymbolKind::Class;
  C.Signatures = C.IsConstructor ? Sym.constructors() : Sym.signatures();
  C.Generator = Sym.isGenerator();
  C.AsyncGenerator = Sym.isAsyncGenerator();
  C.NoteLoc = NoteLoc;
  return C;
}

ArgumentBinder::ArgumentBinder(TypeMatcher &Types, const Stub &S, const Callee &C,
                               const Signature &Sig, ArrayRef<Presence> Presences)
    : Types(Types), S(S), C(C), Py(Sig.params()), Presences(Presences), Assigned(Py.size(), false) {
  for (unsigned J = 0; J < Py.size(); ++J) {
    if (isPositional(Py[J].kind()))
      Slots.push_back(J);
    else if (Py[J].kind() == ParamKind::VarPositional)
      VarArgs = J;
    else if (Py[J].kind() == ParamKind::VarKeyword)
      VarKeywords = J;
  }
}

void ArgumentBinder::bind(Attempt &Into) {
  A = &Into;
  A->Bound.Keywords.resize(S.Params.size());
  A->Bound.AsTuple.resize(S.Params.size());
  A->Targets.resize(S.Params.size());
  if (S.SelfType && !bindSelf())
    return;
  for (unsigned I = First; I < S.Params.size(); ++I)
    if (!bindArgument(I))
      break;
  reportMissing();
}

void ArgumentBinder::add(Diag Which, SourceLocation Loc, SmallVector<DiagArg, 4> Args,
                         std::optional<FixItHint> Fix) {
  A->Problems.push_back({Which, Loc, std::move(Args), std::move(Fix)});
}

std::string ArgumentBinder::starred(unsigned J) const {
  StringRef Stars = Py[J].kind() == ParamKind::VarPositional ? "*"
                    : Py[J].kind() == ParamKind::VarKeyword  ? "**"
                                                             : "";
  return (Stars + Py[J].name()).str();
}

std::optional<unsigned> ArgumentBinder::paramNamed(StringRef Name, bool Keywordable) const {
  for (unsigned J = 0; J < Py.size(); ++J) {
    ParamKind K = Py[J].kind();
    bool Fits = Keywordable ? isKeywordable(K) : (isKeywordable(K) || isPositional(K));
    if (Fits && Py[J].name() == Name)
      return J;
  }
  return std::nullopt;
}

SmallVector<StringRef, 8> ArgumentBinder::unfilledKeywords() const {
  SmallVector<StringRef, 8> Names;
  for (unsigned J = 0; J < Py.size(); ++J)
    if (!Assigned[J] && isKeywordable(Py[J].kind()))
      Names.push_back(Py[J].name());
  return Names;
}

bool ArgumentBinder::bindSelf() {
  // Calling an instance method through its class: self comes first, by
  // position.
  if (S.Params.empty()) {
    add(Diag::MissingRequired, S.FD->getLocation(), {C.DisplayName, std::string("self")});
    return false;
  }
  const StubParam &Self = S.Params.front();
  QualType T = Self.Decl->getType();
  if (!Types.matchesTypeName(*S.SelfType, T, Direction::Argument))
    add(Diag::ParamType, Self.Decl->getLocation(), {std::string("self"), *S.SelfType, T});
  First = 1;
  return true;
}

bool ArgumentBinder::bindArgument(unsigned I) {
  const StubParam &P = S.Params[I];
  if (P.NameFromAttribute) {
    bindNamed(I);
    return true;
  }
  // A C++ name is the user's choice: it matters only when it names a Python
  // parameter, which the argument then binds to.
  std::optional<unsigned> Own = P.PyName.empty() ? std::nullopt : paramNamed(P.PyName, false);
  if (!KeywordPhase) {
    if (NextSlot < Slots.size()) {
      unsigned J = Slots[NextSlot];
      if (!Own || *Own == J) {
        ++NextSlot;
        bindSlot(I, J);
        return true;
      }
      if (Py[*Own].kind() == ParamKind::PositionalOnly) {
        // The name says one slot, the position another: Python cannot be told
        // by name, so the order must say it.
        ++NextSlot;
        Assigned[J] = true;
        A->Targets[I] = J;
        add(Diag::PositionalOnlyNamed, P.Decl->getLocation(),
            {P.PyName, Py[J].name().str(), C.DisplayName});
        return true;
      }
      KeywordPhase = true;
      FirstKeyword = &P;
      bindKeyword(I, *Own);
      return true;
    }
    if (!Own && VarArgs) {
      bindVarPositional(I);
      return true;
    }
    KeywordPhase = true;
  }
  if (Own && Py[*Own].kind() == ParamKind::PositionalOnly) {
    add(Diag::PositionalOnlyByKeyword, P.Decl->getLocation(), {P.PyName, C.DisplayName});
    Assigned[*Own] = true; // reported; not also "missing"
    return true;
  }
  if (Own) {
    bindKeyword(I, *Own);
    return true;
  }
  if (!P.PyName.empty() && VarKeywords) {
    A->OwnNamesIntoKwargs.push_back(I);
    bindVarKeyword(I);
    return true;
  }
  return reportUnbound(I);
}

void ArgumentBinder::bindNamed(unsigned I) {
  const StubParam &P = S.Params[I];
  KeywordPhase = true;
  if (!FirstKeyword)
    FirstKeyword = &P;
  if (std::optional<unsigned> J = paramNamed(P.PyName, /*Keywordable=*/true)) {
    bindKeyword(I, *J);
    return;
  }
  if (std::optional<unsigned> J = paramNamed(P.PyName, /*Keywordable=*/false)) {
    add(Diag::PositionalOnlyByKeyword, P.Decl->getLocation(), {P.PyName, C.DisplayName});
    Assigned[*J] = true; // reported; not also "missing"
    return;
  }
  if (VarKeywords) {
    bindVarKeyword(I);
    return;
  }
  reportUnbound(I);
}

void ArgumentBinder::bindSlot(unsigned I, unsigned J) {
  const StubParam &P = S.Params[I];
  Assigned[J] = true;
  A->Targets[I] = J;
  if (Omitted) {
    if (Py[J].kind() == ParamKind::PositionalOnly)
      add(Diag::PositionalAfterOmittable, P.Decl->getLocation(),
          {Py[J].name().str(), Omitted->PyName});
    else
      A->Bound.Keywords[I] = Py[J].name().str();
  }
  if (P.Omittable) {
    requireDefault(I, J);
    Omitted = &P;
  }
  checkType(I, typeOrAny(Py[J]), Py[J].name());
}

void ArgumentBinder::bindVarPositional(unsigned I) {
  const StubParam &P = S.Params[I];
  A->Targets[I] = *VarArgs;
  if (Omitted)
    add(Diag::PositionalAfterOmittable, P.Decl->getLocation(),
        {starred(*VarArgs), Omitted->PyName});
  // An empty one is left out, so no positional argument may follow it.
  if (P.Omittable)
    Omitted = &P;
  checkType(I, typeOrAny(Py[*VarArgs]), starred(*VarArgs));
}

void ArgumentBinder::bindKeyword(unsigned I, unsigned J) {
  const StubParam &P = S.Params[I];
  if (Assigned[J]) {
    add(Diag::BoundTwice, P.Decl->getLocation(), {Py[J].name().str(), C.DisplayName});
    return;
  }
  Assigned[J] = true;
  A->Targets[I] = J;
  A->Bound.Keywords[I] = Py[J].name().str();
  if (P.Omittable)
    requireDefault(I, J);
  checkType(I, typeOrAny(Py[J]), Py[J].name());
}

void ArgumentBinder::bindVarKeyword(unsigned I) {
  const StubParam &P = S.Params[I];
  A->Targets[I] = *VarKeywords;
  A->Bound.Keywords[I] = P.PyName;
  // Python takes any name here, but one a typo away from a parameter it
  // declares is likelier that parameter misspelt.
  if (std::optional<StringRef> Near = closestName(P.PyName, unfilledKeywords()))
    A->Warnings.push_back({Diag::KwargsNearKeyword,
                           P.Decl->getLocation(),
                           {P.PyName, starred(*VarKeywords), C.DisplayName, Near->str()},
                           renameFix(P, *Near)});
  checkType(I, typeOrAny(Py[*VarKeywords]), starred(*VarKeywords));
}

void ArgumentBinder::requireDefault(unsigned I, unsigned J) {
  if (!Py[J].hasDefault() && presenceOf(I) != Presence::Present)
    add(Diag::OptionalWithoutDefault, S.Params[I].Decl->getLocation(),
        {S.Params[I].PyName, Py[J].name().str()});
}

void ArgumentBinder::checkType(unsigned I, const TypeExpr &Expected, StringRef PyName) {
  if (presenceOf(I) == Presence::Absent)
    return; // left out: nothing to convert
  const StubParam &P = S.Params[I];
  QualType T = P.Decl->getType();
  bool Tuple = false;
  if (Types.matches(Expected, T, Direction::Argument, &Tuple)) {
    A->Bound.AsTuple[I] = Tuple;
    return;
  }
  add(Diag::ParamType, P.Decl->getLocation(), {PyName.str(), formatType(Expected), T});
}

std::optional<FixItHint> ArgumentBinder::renameFix(const StubParam &P, StringRef Name) const {
  const ASTContext &Context = P.Decl->getASTContext();
  if (P.NameFromAttribute) {
    SourceRange Literal = nameAttributeRange(P.Decl);
    return FixItHint::CreateReplacement(CharSourceRange::getTokenRange(Literal),
                                        ("\"" + Name + "\"").str());
  }
  if (P.Decl->getIdentifier()) {
    SourceLocation Loc = P.Decl->getLocation();
    if (Loc.isMacroID())
      return std::nullopt;
    return FixItHint::CreateReplacement(CharSourceRange::getTokenRange(Loc), Name);
  }
  // Unnamed: the name goes after the type.
  SourceLocation End = P.Decl->getEndLoc();
  if (End.isInvalid() || End.isMacroID())
    return std::nullopt;
  SourceLocation After =
      Lexer::getLocForEndOfToken(End, 0, Context.getSourceManager(), Context.getLangOpts());
  if (After.isInvalid())
    return std::nullopt;
  return FixItHint::CreateInsertion(After, (" " + Name).str());
}

std::optional<std::pair<unsigned, bool>>
ArgumentBinder::keywordOnlyMeant(const StubParam &P) const {
  // Larger is likelier: a type that fits, a name that reads the same, a
  // parameter Python requires; then the first declared.
  using Rank = std::tuple<bool, bool, bool>;
  std::optional<unsigned> Best;
  Rank BestRank, SecondRank;
  bool HasSecond = false;
  for (unsigned J = 0; J < Py.size(); ++J) {
    if (Py[J].kind() != ParamKind::KeywordOnly || Assigned[J])
      continue;
    Rank R{Types.matches(typeOrAny(Py[J]), P.Decl->getType(), Direction::Argument),
           similarNames(P.PyName, Py[J].name()), !Py[J].hasDefault()};
    if (!Best || R > BestRank) {
      if (Best) {
        SecondRank = BestRank;
        HasSecond = true;
      }
      Best = J;
      BestRank = R;
    } else if (!HasSecond || R > SecondRank) {
      SecondRank = R;
      HasSecond = true;
    }
  }
  if (!Best)
    return std::nullopt;
  // Sure enough for a fix-it: the only candidate, or better than any other.
  return std::make_pair(*Best, !HasSecond || BestRank > SecondRank);
}

bool ArgumentBinder::reportUnbound(unsigned I) {
  const StubParam &P = S.Params[I];
  SourceLocation Loc = P.Decl->getLocation();
  if (!P.PyName.empty()) {
    if (std::optional<StringRef> Near = closestName(P.PyName, unfilledKeywords())) {
      add(Diag::NoKeywordSuggest, Loc, {C.DisplayName, P.PyName, Near->str()}, renameFix(P, *Near));
      return true;
    }
  }
  if (P.NameFromAttribute) {
    add(Diag::NoKeyword, Loc, {C.DisplayName, P.PyName});
    return true;
  }
  if (std::optional<std::pair<unsigned, bool>> Meant = keywordOnlyMeant(P)) {
    auto [J, Sure] = *Meant;
    StringRef Name = Py[J].name();
    add(Diag::KeywordOnlyUnnamed, Loc, {Name.str(), C.DisplayName},
        Sure ? renameFix(P, Name) : std::nullopt);
    Assigned[J] = true; // reported; not also "missing"
    return true;
  }
  // A parameter Python would take by position, but for an earlier keyword.
  bool HasSlot = I - First < Slots.size();
  if (!P.PyName.empty() && FirstKeyword && HasSlot) {
    add(Diag::NoKeywordAfterKeyword, Loc, {C.DisplayName, P.PyName, FirstKeyword->PyName});
    return true;
  }
  unsigned Takes = static_cast<unsigned>(Slots.size());
  add(Diag::TooManyParams, Loc,
      {C.DisplayName, Takes, static_cast<unsigned>(S.Params.size() - First)});
  return false;
}

void ArgumentBinder::reportMissing() {
  for (unsigned J = 0; J < Py.size(); ++J) {
    ParamKind K = Py[J].kind();
    bool Required = K != ParamKind::VarPositional && K != ParamKind::VarKeyword &&
                    !Py[J].hasDefault() && !Assigned[J];
    if (Required)
      add(Diag::MissingRequired, S.FD->getLocation(), {C.DisplayName, Py[J].name().str()});
  }
}

} // namespace pybridge
