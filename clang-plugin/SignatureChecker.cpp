//===- SignatureChecker.cpp - a C++ stub against Python signatures --------===//
#include "SignatureChecker.h"

#include "Attributes.h"
#include "PythonText.h"
#include "Suggest.h"

#include "clang/AST/ASTContext.h"
#include "clang/Lex/Lexer.h"

using namespace clang;
using namespace llvm;

namespace pybridge {

namespace {

std::string cppTypeText(QualType T) { return T.getAsString(); }

bool isPositional(ParamKind K) {
  return K == ParamKind::PositionalOnly || K == ParamKind::PositionalOrKeyword;
}

/// The return type the worker hands back: coroutines and awaitables are awaited
/// there.
std::optional<TypeExpr> awaitedReturn(const Signature &Sig) {
  std::optional<TypeExpr> Returns = Sig.returns();
  while (Returns && (Returns->name() == "Awaitable" || Returns->name() == "Coroutine") &&
         Returns->numArgs() > 0)
    Returns = Returns->arg(Returns->numArgs() - 1);
  return Returns;
}

TypeExpr typeOrAny(const Param &P) { return P.type().value_or(TypeExpr()); }

} // namespace

void reportProblem(Diagnostics &Diags, const Problem &P) {
  DiagnosticBuilder Builder = Diags.report(P.Loc, P.Which);
  for (const Problem::Arg &A : P.Args) {
    if (const auto *Text = std::get_if<std::string>(&A))
      Builder << *Text;
    else if (const auto *Number = std::get_if<unsigned>(&A))
      Builder << *Number;
    else
      Builder << std::get<QualType>(A);
  }
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

bool SignatureChecker::checkConvertible(const FunctionDecl *FD, bool Result) {
  bool Fine = true;
  auto Check = [&](QualType T, Direction Dir, SourceLocation Loc, SourceRange Range) {
    Types.setLocation(Loc);
    std::optional<Unconvertible> U = Types.unconvertible(T, Dir);
    if (!U)
      return;
    Fine = false;
    static constexpr Diag Which[] = {Diag::NoConverter, Diag::NoToPython, Diag::NoFromPython,
                                     Diag::IncompleteType};
    // Arguments convert as their decayed type, a result as declared.
    QualType Declared = T.getNonReferenceType();
    if (Dir == Direction::Argument)
      Declared = Declared.getUnqualifiedType();
    bool Inside = !Types.sameType(U->Type, Declared);
    Diags.report(Loc, Which[U->Why]) << U->Type << (Inside ? 1u : 0u) << T << Range;
  };
  for (const ParmVarDecl *P : FD->parameters())
    Check(P->getType(), Direction::Argument, P->getLocation(), P->getSourceRange());
  if (Result)
    Check(FD->getReturnType(), Direction::Result, FD->getLocation(),
          FD->getReturnTypeSourceRange());
  return Fine;
}

std::optional<Problem> SignatureChecker::noneResult(const FunctionDecl *FD, StringRef DisplayName,
                                                    const TypeExpr &Returns, QualType Result) {
  if (!Types.matchesUnlessNone(Returns, Result))
    return std::nullopt;
  std::string Have = formatType(Returns);
  Problem P{Diag::ResultMayBeNone,
            FD->getLocation(),
            {DisplayName.str(), Have, Result},
            std::nullopt,
            "returns '" + Have + "', which may be None"};
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

void SignatureChecker::noteSignature(const Callee &C, const Signature &Sig) {
  Diags.report(C.NoteLoc, Diag::DeclaredAs)
      << C.DisplayName << formatSignature(C.PyName, Sig, !C.IsConstructor)
      << describeSource(Sig.source());
}

std::optional<Binding> SignatureChecker::check(const Stub &S, const Callee &C) {
  if (C.Signatures.empty())
    return Binding{SmallVector<std::string, 4>(S.Params.size()),
                   SmallVector<bool, 4>(S.Params.size()), "none", ""};
  SmallVector<Attempt, 2> Attempts;
  for (const Signature &Sig : C.Signatures) {
    Attempt A = match(S, C, Sig);
    if (A.Problems.empty()) {
      warnUntyped(S, C, Sig, A);
      return A.Bound;
    }
    Attempts.push_back(std::move(A));
  }
  // One signature, or one overload that fits but for a None result (what the
  // stub means, with its fix-it): its own problems.
  std::optional<size_t> Meant;
  if (C.Signatures.size() == 1)
    Meant = 0;
  for (size_t I = 0; I < Attempts.size() && C.Signatures.size() > 1; ++I) {
    bool OnlyNone = llvm::all_of(Attempts[I].Problems,
                                 [](const Problem &P) { return P.Which == Diag::ResultMayBeNone; });
    if (OnlyNone && Meant) {
      Meant.reset();
      break;
    }
    if (OnlyNone)
      Meant = I;
  }
  if (Meant) {
    for (const Problem &P : Attempts[*Meant].Problems) {
      reportProblem(Diags, P);
      noteSignature(C, C.Signatures[*Meant]);
    }
    return std::nullopt;
  }
  Diags.report(S.FD->getLocation(), Diag::NoOverload)
      << C.DisplayName << static_cast<unsigned>(C.Signatures.size());
  for (size_t I = 0; I < C.Signatures.size(); ++I)
    Diags.report(C.NoteLoc, Diag::Candidate)
        << formatSignature(C.PyName, C.Signatures[I], !C.IsConstructor)
        << describeSource(C.Signatures[I].source()) << Attempts[I].Problems.front().Summary;
  return std::nullopt;
}

SignatureChecker::Attempt SignatureChecker::match(const Stub &S, const Callee &C,
                                                  const Signature &Sig) {
  Attempt A;
  A.Bound.Source = Sig.source().str();
  A.Bound.SignatureText = formatSignature(C.PyName, Sig, !C.IsConstructor);
  A.Bound.Keywords.resize(S.Params.size());
  A.Bound.AsTuple.resize(S.Params.size());
  ArrayRef<Param> Py = Sig.params();
  SmallVector<bool, 8> Assigned(Py.size(), false);
  SmallVector<unsigned, 8> Slots; // positional parameters, in order
  std::optional<unsigned> VarArgs, VarKeywords;
  for (unsigned J = 0; J < Py.size(); ++J) {
    if (isPositional(Py[J].kind()))
      Slots.push_back(J);
    else if (Py[J].kind() == ParamKind::VarPositional)
      VarArgs = J;
    else if (Py[J].kind() == ParamKind::VarKeyword)
      VarKeywords = J;
  }
  auto Named = [&](StringRef Name, bool AllowPositionalOnly) -> std::optional<unsigned> {
    for (unsigned J = 0; J < Py.size(); ++J) {
      ParamKind K = Py[J].kind();
      bool Keywordable = K == ParamKind::PositionalOrKeyword || K == ParamKind::KeywordOnly ||
                         (AllowPositionalOnly && K == ParamKind::PositionalOnly);
      if (Keywordable && Py[J].name() == Name)
        return J;
    }
    return std::nullopt;
  };
  // The keyword-only parameter an unnamed (or oddly named) C++ parameter most
  // likely means: the first whose type it fits, else the first.
  auto KeywordOnlyFor = [&](const StubParam &P) -> std::optional<unsigned> {
    std::optional<unsigned> First;
    for (unsigned J = 0; J < Py.size(); ++J) {
      if (Py[J].kind() != ParamKind::KeywordOnly || Assigned[J])
        continue;
      if (Types.matches(typeOrAny(Py[J]), P.Decl->getType(), Direction::Argument))
        return J;
      if (!First)
        First = J;
    }
    return First;
  };
  auto Add = [&](Problem P) { A.Problems.push_back(std::move(P)); };
  auto CheckType = [&](const StubParam &P, const TypeExpr &Expected, StringRef PyName) {
    QualType T = P.Decl->getType();
    bool Tuple = false;
    if (Types.matches(Expected, T, Direction::Argument, &Tuple)) {
      A.Bound.AsTuple[&P - S.Params.data()] = Tuple;
      return;
    }
    std::string Want = formatType(Expected);
    Add({Diag::ParamType,
         P.Decl->getLocation(),
         {PyName.str(), Want, T},
         std::nullopt,
         ("parameter '" + PyName + "' expects '" + Want + "', not '" + cppTypeText(T) + "'")
             .str()});
  };

  unsigned First = 0;
  if (S.SelfType) {
    // Calling an instance method through its class: self comes first, by
    // position.
    if (S.Params.empty()) {
      Add({Diag::MissingRequired,
           S.FD->getLocation(),
           {C.DisplayName, std::string("self")},
           std::nullopt,
           "missing 'self'"});
      return A;
    }
    const StubParam &Self = S.Params.front();
    QualType T = Self.Decl->getType();
    if (!Types.matchesTypeName(*S.SelfType, T, Direction::Argument))
      Add({Diag::ParamType,
           Self.Decl->getLocation(),
           {std::string("self"), *S.SelfType, T},
           std::nullopt,
           "'self' expects '" + *S.SelfType + "', not '" + cppTypeText(T) + "'"});
    First = 1;
  }

  unsigned NextSlot = 0;
  bool KeywordPhase = false;
  const StubParam *Omittable = nullptr; // a positional std::optional: later ones go by name
  for (unsigned I = First; I < S.Params.size(); ++I) {
    const StubParam &P = S.Params[I];
    std::optional<unsigned> ByName = P.PyName.empty() ? std::nullopt : Named(P.PyName, false);
    if (!KeywordPhase) {
      bool NameSkipsAhead = ByName && (NextSlot >= Slots.size() || *ByName != Slots[NextSlot]) &&
                            (Py[*ByName].kind() == ParamKind::KeywordOnly || !Assigned[*ByName]);
      if (NextSlot < Slots.size() && !NameSkipsAhead) {
        unsigned J = Slots[NextSlot++];
        Assigned[J] = true;
        if (Omittable) {
          if (Py[J].kind() == ParamKind::PositionalOnly)
            Add({Diag::PositionalAfterOmittable,
                 P.Decl->getLocation(),
                 {Py[J].name().str(), Omittable->PyName},
                 std::nullopt,
                 ("positional-only '" + Py[J].name() + "' follows an omittable argument").str()});
          else
            A.Bound.Keywords[I] = Py[J].name().str();
        }
        if (P.Omittable && !Py[J].hasDefault())
          Add({Diag::OptionalWithoutDefault,
               P.Decl->getLocation(),
               {P.PyName, Py[J].name().str()},
               std::nullopt,
               ("'" + Py[J].name() + "' has no default").str()});
        if (P.Omittable)
          Omittable = &P;
        CheckType(P, typeOrAny(Py[J]), Py[J].name());
        continue;
      }
      if (!ByName && VarArgs) {
        if (Omittable)
          Add({Diag::PositionalAfterOmittable,
               P.Decl->getLocation(),
               {("*" + Py[*VarArgs].name()).str(), Omittable->PyName},
               std::nullopt,
               "*args follow an omittable argument"});
        // An empty one is left out, so no positional argument may follow it.
        if (P.Omittable)
          Omittable = &P;
        CheckType(P, typeOrAny(Py[*VarArgs]), ("*" + Py[*VarArgs].name()).str());
        continue;
      }
      KeywordPhase = true;
    }

    if (ByName) {
      if (Assigned[*ByName]) {
        Add({Diag::BoundTwice,
             P.Decl->getLocation(),
             {P.PyName, C.DisplayName},
             std::nullopt,
             ("'" + P.PyName + "' given twice")});
        continue;
      }
      Assigned[*ByName] = true;
      A.Bound.Keywords[I] = P.PyName;
      if (P.Omittable && !Py[*ByName].hasDefault())
        Add({Diag::OptionalWithoutDefault,
             P.Decl->getLocation(),
             {P.PyName, P.PyName},
             std::nullopt,
             ("'" + P.PyName + "' has no default")});
      CheckType(P, typeOrAny(Py[*ByName]), P.PyName);
      continue;
    }
    if (!P.PyName.empty() && Named(P.PyName, true)) {
      Add({Diag::PositionalOnlyByKeyword,
           P.Decl->getLocation(),
           {P.PyName, C.DisplayName},
           std::nullopt,
           ("'" + P.PyName + "' is positional-only")});
      continue;
    }
    if (!P.PyName.empty() && VarKeywords) {
      A.Bound.Keywords[I] = P.PyName;
      CheckType(P, typeOrAny(Py[*VarKeywords]), ("**" + Py[*VarKeywords].name()).str());
      continue;
    }
    // Nothing takes it. A misspelt name first, then a keyword-only parameter it
    // should have been named after, else the stub simply has too many
    // parameters.
    SmallVector<StringRef, 8> Names;
    for (unsigned J = 0; J < Py.size(); ++J)
      if (!Assigned[J] && (Py[J].kind() == ParamKind::PositionalOrKeyword ||
                           Py[J].kind() == ParamKind::KeywordOnly))
        Names.push_back(Py[J].name());
    std::optional<StringRef> Near = P.PyName.empty() ? std::nullopt : closestName(P.PyName, Names);
    if (Near) {
      SourceRange NameRange =
          P.NameFromAttribute ? nameAttributeRange(P.Decl) : SourceRange(P.Decl->getLocation());
      std::string Replacement = P.NameFromAttribute ? ("\"" + *Near + "\"").str() : Near->str();
      Add({Diag::NoKeywordSuggest,
           P.Decl->getLocation(),
           {C.DisplayName, P.PyName, Near->str()},
           FixItHint::CreateReplacement(CharSourceRange::getTokenRange(NameRange), Replacement),
           ("no parameter named '" + P.PyName + "'")});
      continue;
    }
    if (std::optional<unsigned> KeywordOnly = KeywordOnlyFor(P)) {
      Add({Diag::KeywordOnlyUnnamed,
           P.Decl->getLocation(),
           {Py[*KeywordOnly].name().str(), C.DisplayName},
           std::nullopt,
           ("'" + Py[*KeywordOnly].name() + "' is keyword-only").str()});
      Assigned[*KeywordOnly] = true; // reported; not also "missing"
      continue;
    }
    if (!P.PyName.empty() && NextSlot < Slots.size()) {
      Add({Diag::NoKeyword,
           P.Decl->getLocation(),
           {C.DisplayName, P.PyName},
           std::nullopt,
           ("no parameter named '" + P.PyName + "'")});
      continue;
    }
    unsigned Takes = static_cast<unsigned>(Slots.size());
    Add({Diag::TooManyParams,
         P.Decl->getLocation(),
         {C.DisplayName, Takes, static_cast<unsigned>(S.Params.size() - First)},
         std::nullopt,
         ("takes " + Twine(Takes) + " argument(s), the stub has " + Twine(S.Params.size() - First))
             .str()});
    break;
  }

  for (unsigned J = 0; J < Py.size(); ++J) {
    ParamKind K = Py[J].kind();
    bool Required = K != ParamKind::VarPositional && K != ParamKind::VarKeyword &&
                    !Py[J].hasDefault() && !Assigned[J];
    if (Required)
      Add({Diag::MissingRequired,
           S.FD->getLocation(),
           {C.DisplayName, Py[J].name().str()},
           std::nullopt,
           ("missing '" + Py[J].name() + "'").str()});
  }
  if (S.ChecksResult)
    checkResult(S, C, Sig, A);
  return A;
}

void SignatureChecker::checkResult(const Stub &S, const Callee &C, const Signature &Sig,
                                   Attempt &A) {
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
    std::optional<PyType> Each = Returns ? Types.iteratedItem(*Returns) : PyType();
    if (!Each) {
      std::string Have = formatType(*Returns);
      A.Problems.push_back({Diag::StreamNotIterator,
                            Loc,
                            {C.DisplayName, Have},
                            std::nullopt,
                            "returns '" + Have + "', which is not iterable"});
      return;
    }
    if (!Types.matches(*Each, *Item, Direction::Result)) {
      std::string Want = Each->str();
      A.Problems.push_back({Diag::StreamItemType,
                            Loc,
                            {C.DisplayName, Want, *Item},
                            std::nullopt,
                            "items are '" + Want + "', not '" + cppTypeText(*Item) + "'"});
    }
    return;
  }
  bool Typed = Returns && !Returns->isAny() && Returns->name() != "None";
  if (!Generator && Typed && Types.matches(*Returns, Result, Direction::Result))
    return;
  if (Generator || (Typed && Types.isIterator(*Returns))) {
    std::optional<PyType> Each = Returns ? Types.iteratedItem(*Returns) : std::nullopt;
    unsigned What = C.AsyncGenerator ? 1 : C.Generator ? 0 : 2;
    std::string Items = Each ? Each->str() : "Any";
    A.Problems.push_back({Diag::NeedsStream,
                          Loc,
                          {C.DisplayName, What, Items},
                          std::nullopt,
                          "returns an iterator: use pybridge::Stream<T>"});
    return;
  }
  if (!Returns || Returns->isAny())
    return;
  if (Returns->name() == "None") {
    A.Problems.push_back({Diag::ReturnsNone,
                          Loc,
                          {C.DisplayName},
                          std::nullopt,
                          "returns None, not '" + cppTypeText(Result) + "'"});
    return;
  }
  if (std::optional<Problem> None = noneResult(S.FD, C.DisplayName, *Returns, Result)) {
    A.Problems.push_back(std::move(*None));
    return;
  }
  std::string Want = formatType(*Returns);
  A.Problems.push_back({Diag::ReturnType,
                        Loc,
                        {C.DisplayName, Want, Result},
                        std::nullopt,
                        "returns '" + Want + "', not '" + cppTypeText(Result) + "'"});
}

void SignatureChecker::warnUntyped(const Stub &S, const Callee &C, const Signature &Sig,
                                   const Attempt &A) {
  if (!Options.WarnUntyped)
    return;
  ArrayRef<Param> Py = Sig.params();
  unsigned First = S.SelfType ? 1 : 0;
  // Positional slots in order, as match() assigned them.
  SmallVector<const Param *, 8> Slots;
  for (const Param &P : Py)
    if (isPositional(P.kind()))
      Slots.push_back(&P);
  unsigned NextSlot = 0;
  for (unsigned I = First; I < S.Params.size(); ++I) {
    const StubParam &P = S.Params[I];
    if (Types.classify(P.Decl->getType()).Kind == CppKind::Object)
      continue;
    const Param *Target = nullptr;
    StringRef Keyword = A.Bound.Keywords[I];
    for (const Param &Candidate : Py)
      if (!Keyword.empty() && Candidate.name() == Keyword)
        Target = &Candidate;
    if (Keyword.empty() && NextSlot < Slots.size())
      Target = Slots[NextSlot++];
    if (!Target)
      for (const Param &Candidate : Py)
        if (Candidate.kind() == ParamKind::VarPositional ||
            (!Keyword.empty() && Candidate.kind() == ParamKind::VarKeyword))
          Target = &Candidate;
    if (!Target || !typeOrAny(*Target).isAny())
      continue;
    StringRef Stars = Target->kind() == ParamKind::VarPositional ? "*"
                      : Target->kind() == ParamKind::VarKeyword  ? "**"
                                                                 : "";
    Diags.report(P.Decl->getLocation(), Diag::Untyped)
        << 0u << (Stars + Target->name()).str() << C.DisplayName << P.Decl->getType();
  }
  if (!S.ChecksResult)
    return;
  QualType Result = S.FD->getReturnType();
  CppKind Kind = Types.classify(Result).Kind;
  std::optional<TypeExpr> Returns = awaitedReturn(Sig);
  if (Kind != CppKind::Void && Kind != CppKind::Object && (!Returns || Returns->isAny()))
    Diags.report(S.FD->getLocation(), Diag::Untyped) << 1u << "" << C.DisplayName << Result;
}

} // namespace pybridge
