//===- SignatureChecker.cpp - a C++ stub against Python signatures --------===//
#include "SignatureChecker.h"

#include "PythonText.h"

#include "llvm/ADT/StringExtras.h"

#include <algorithm>

using namespace clang;
using namespace llvm;

namespace pybridge {

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

void SignatureChecker::noteSignature(const Callee &C, const Signature &Sig) {
  Diags.report(C.NoteLoc, Diag::DeclaredAs)
      << C.DisplayName << formatSignature(C.PyName, Sig, !C.IsConstructor)
      << describeSource(Sig.source());
}

Attempt SignatureChecker::attempt(const Stub &S, const Callee &C, const Signature &Sig,
                                  ArrayRef<Presence> Presences) {
  Attempt A;
  A.Bound.Source = Sig.source().str();
  A.Bound.SignatureText = formatSignature(C.PyName, Sig, !C.IsConstructor);
  ArgumentBinder(Types, S, C, Sig, Presences).bind(A);
  if (S.ChecksResult)
    Results.check(S, C, Sig, A);
  return A;
}

std::optional<Binding> SignatureChecker::check(const Stub &S, const Callee &C) {
  if (C.Signatures.empty())
    return Binding{SmallVector<std::string, 4>(S.Params.size()),
                   SmallVector<bool, 4>(S.Params.size()), "none", ""};
  SmallVector<Attempt, 2> Attempts;
  for (const Signature &Sig : C.Signatures) {
    Attempts.push_back(attempt(S, C, Sig));
    // Every argument bound to a declared parameter: no later overload binds
    // better.
    if (Attempts.back().fits() && Attempts.back().OwnNamesIntoKwargs.empty())
      break;
  }
  if (llvm::none_of(Attempts, [](const Attempt &A) { return A.fits(); })) {
    if (std::optional<Binding> Split = fitsSplitByOptionals(S, C))
      return Split;
    reportMismatch(S, C, Attempts);
    return std::nullopt;
  }
  std::optional<size_t> Best = bestFit(S, C, Attempts);
  if (!Best)
    return std::nullopt;
  for (const Problem &P : Attempts[*Best].Warnings) {
    reportProblem(Diags, P);
    noteSignature(C, C.Signatures[*Best]);
  }
  warnUntyped(S, C, C.Signatures[*Best], Attempts[*Best]);
  return Attempts[*Best].Bound;
}

std::optional<size_t> SignatureChecker::bestFit(const Stub &S, const Callee &C,
                                                ArrayRef<Attempt> Attempts) {
  // A fit is dominated by one that takes fewer arguments into **kwargs by their
  // C++ names alone (a subset of them: those it takes it declares).
  auto Kwargs = [&](size_t I) { return ArrayRef<unsigned>(Attempts[I].OwnNamesIntoKwargs); };
  auto StrictSubset = [](ArrayRef<unsigned> Small, ArrayRef<unsigned> Large) {
    return Small.size() < Large.size() &&
           std::includes(Large.begin(), Large.end(), Small.begin(), Small.end());
  };
  SmallVector<size_t, 4> Undominated;
  for (size_t I = 0; I < Attempts.size(); ++I) {
    if (!Attempts[I].fits())
      continue;
    bool Dominated = false;
    for (size_t J = 0; J < Attempts.size() && !Dominated; ++J)
      Dominated = Attempts[J].fits() && StrictSubset(Kwargs(J), Kwargs(I));
    if (!Dominated)
      Undominated.push_back(I);
  }
  // The same arguments into **kwargs everywhere: the first, as Python's
  // overload resolution picks.
  if (llvm::all_of(Undominated, [&](size_t I) { return Kwargs(I) == Kwargs(Undominated[0]); }))
    return Undominated.front();
  Diags.report(S.FD->getLocation(), Diag::AmbiguousOverloads) << C.DisplayName;
  for (size_t I : Undominated) {
    const Signature &Sig = C.Signatures[I];
    SmallVector<std::string, 2> Names;
    for (unsigned Arg : Kwargs(I))
      Names.push_back("'" + S.Params[Arg].PyName + "'");
    unsigned Into = *Attempts[I].Targets[Kwargs(I).front()];
    Diags.report(C.NoteLoc, Diag::KwargsCandidate)
        << formatSignature(C.PyName, Sig, !C.IsConstructor) << describeSource(Sig.source())
        << llvm::join(Names, ", ") << Sig.params()[Into].name();
  }
  return std::nullopt;
}

std::optional<Binding> SignatureChecker::fitsSplitByOptionals(const Stub &S, const Callee &C) {
  // Each way costs one match per overload: a few optionals at most.
  constexpr size_t MaxOptionals = 3;
  SmallVector<unsigned, 4> Optionals;
  for (unsigned I = 0; I < S.Params.size(); ++I)
    if (S.Params[I].Omittable)
      Optionals.push_back(I);
  if (Optionals.empty() || Optionals.size() > MaxOptionals || C.Signatures.size() < 2)
    return std::nullopt;
  std::optional<Binding> Joined;
  for (unsigned Way = 0; Way < (1u << Optionals.size()); ++Way) {
    SmallVector<Presence, 4> Presences(S.Params.size(), Presence::Either);
    for (unsigned K = 0; K < Optionals.size(); ++K)
      Presences[Optionals[K]] = (Way >> K) & 1 ? Presence::Present : Presence::Absent;
    std::optional<Attempt> Fit;
    for (const Signature &Sig : C.Signatures)
      if (Attempt A = attempt(S, C, Sig, Presences); A.fits()) {
        Fit = std::move(A);
        break;
      }
    // One body serves every way: the arguments must go alike.
    if (!Fit || (Joined && Joined->Keywords != Fit->Bound.Keywords))
      return std::nullopt;
    if (!Joined) {
      Joined = Fit->Bound;
      continue;
    }
    for (unsigned I = 0; I < S.Params.size(); ++I)
      Joined->AsTuple[I] = Joined->AsTuple[I] || Fit->Bound.AsTuple[I];
  }
  return Joined;
}

void SignatureChecker::reportMismatch(const Stub &S, const Callee &C, ArrayRef<Attempt> Attempts) {
  auto ReportWith = [&](const Attempt &A, auto Note) {
    for (const Problem &P : A.Problems) {
      reportProblem(Diags, P);
      Note();
    }
  };
  if (C.Signatures.size() == 1) {
    ReportWith(Attempts.front(), [&] { noteSignature(C, C.Signatures.front()); });
    return;
  }
  // One overload that fits but for a None result is what the stub means (with
  // its fix-it).
  SmallVector<size_t, 2> OnlyNone;
  for (size_t I = 0; I < Attempts.size(); ++I)
    if (llvm::all_of(Attempts[I].Problems,
                     [](const Problem &P) { return P.Which == Diag::ResultMayBeNone; }))
      OnlyNone.push_back(I);
  if (OnlyNone.size() == 1) {
    size_t Meant = OnlyNone.front();
    ReportWith(Attempts[Meant], [&] { noteSignature(C, C.Signatures[Meant]); });
    return;
  }
  // Otherwise the overload with the fewest problems, a wrong number of
  // arguments counting double (the first of equals).
  auto Distance = [&](const Attempt &A) {
    unsigned Sum = 0;
    for (const Problem &P : A.Problems)
      Sum += P.Which == Diag::TooManyParams || P.Which == Diag::MissingRequired ? 2 : 1;
    return Sum;
  };
  size_t Closest = 0;
  for (size_t I = 1; I < Attempts.size(); ++I)
    if (Distance(Attempts[I]) < Distance(Attempts[Closest]))
      Closest = I;
  const Signature &Near = C.Signatures[Closest];
  ReportWith(Attempts[Closest], [&] {
    Diags.report(C.NoteLoc, Diag::ClosestOverload)
        << static_cast<unsigned>(C.Signatures.size()) << C.DisplayName
        << formatSignature(C.PyName, Near, !C.IsConstructor) << describeSource(Near.source());
  });
  for (size_t I = 0; I < Attempts.size(); ++I) {
    if (I == Closest)
      continue;
    const Problem &First = Attempts[I].Problems.front();
    Diags.report(C.NoteLoc, Diag::Candidate)
        << formatSignature(C.PyName, C.Signatures[I], !C.IsConstructor)
        << describeSource(C.Signatures[I].source()) << Diags.format(First.Which, First.Args);
  }
}

void SignatureChecker::warnUntyped(const Stub &S, const Callee &C, const Signature &Sig,
                                   const Attempt &A) {
  if (!Options.WarnUntyped)
    return;
  ArrayRef<Param> Py = Sig.params();
  for (unsigned I = 0; I < S.Params.size(); ++I) {
    const StubParam &P = S.Params[I];
    std::optional<unsigned> Target = A.Targets[I];
    if (!Target || Types.classify(P.Decl->getType()).Kind == CppKind::Object)
      continue;
    const Param &Into = Py[*Target];
    if (!Into.type().value_or(TypeExpr()).isAny())
      continue;
    StringRef Stars = Into.kind() == ParamKind::VarPositional ? "*"
                      : Into.kind() == ParamKind::VarKeyword  ? "**"
                                                              : "";
    Diags.report(P.Decl->getLocation(), Diag::Untyped)
        << 0u << (Stars + Into.name()).str() << C.DisplayName << P.Decl->getType();
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
