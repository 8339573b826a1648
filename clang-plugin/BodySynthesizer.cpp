//===- BodySynthesizer.cpp - stub bodies that call the PyBridge runtime ---===//
#include "BodySynthesizer.h"

#include "CallSite.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/Sema/Lookup.h"

using namespace clang;

namespace pybridge {

namespace {
StringRef entryPointName(EntryPoint Entry) {
  switch (Entry) {
  case EntryPoint::Invoke:
    return "invoke";
  case EntryPoint::InvokeMethod:
    return "invoke_method";
  case EntryPoint::Construct:
    return "construct";
  case EntryPoint::GetAttr:
    return "get_attr";
  case EntryPoint::SetAttr:
    return "set_attr";
  }
  llvm_unreachable("unknown entry point");
}

bool takesExplicitResultType(EntryPoint Entry) {
  return Entry == EntryPoint::Invoke || Entry == EntryPoint::InvokeMethod ||
         Entry == EntryPoint::GetAttr;
}

NamespaceDecl *lookupNamespace(Sema &S, DeclContext *In, StringRef Name, SourceLocation Loc) {
  LookupResult R(S, &S.Context.Idents.get(Name), Loc, Sema::LookupNamespaceName);
  if (!S.LookupQualifiedName(R, In) || !R.isSingleResult())
    return nullptr;
  return dyn_cast<NamespaceDecl>(R.getFoundDecl());
}
} // namespace

NamespaceDecl *BodySynthesizer::runtimeNamespace(SourceLocation Loc) {
  if (Detail)
    return Detail;
  if (NamespaceDecl *PyBridge =
          lookupNamespace(S, S.Context.getTranslationUnitDecl(), "pybridge", Loc))
    Detail = lookupNamespace(S, PyBridge, "detail", Loc);
  return Detail;
}

ExprResult BodySynthesizer::entryPointRef(StringRef Name, QualType ExplicitResult,
                                          SourceLocation Loc) {
  LookupResult R(S, &S.Context.Idents.get(Name), Loc, Sema::LookupOrdinaryName);
  if (!S.LookupQualifiedName(R, Detail) || R.empty())
    return ExprError();
  CXXScopeSpec SS;
  if (ExplicitResult.isNull())
    return S.BuildDeclarationNameExpr(SS, R, /*NeedsADL=*/false);
  TemplateArgumentListInfo Args(Loc, Loc);
  Args.addArgument(TemplateArgumentLoc(TemplateArgument(ExplicitResult),
                                       S.Context.getTrivialTypeSourceInfo(ExplicitResult, Loc)));
  return S.BuildTemplateIdExpr(SS, SourceLocation(), R, /*RequiresADL=*/false, &Args);
}

ExprResult BodySynthesizer::noReturnGuard(FunctionDecl *FD, SourceLocation Loc) {
  ExprResult Callee = entryPointRef("returned_from_noreturn", QualType(), Loc);
  if (Callee.isInvalid()) {
    Diags.report(Loc, Diag::RuntimeMismatch) << "returned_from_noreturn";
    return ExprError();
  }
  std::string Name = FD->getQualifiedNameAsString();
  QualType NameType = S.Context.getStringLiteralArrayType(S.Context.CharTy, Name.size());
  Expr *Text = StringLiteral::Create(S.Context, Name, StringLiteralKind::Ordinary,
                                     /*Pascal=*/false, NameType, Loc);
  ExprResult Call = S.BuildCallExpr(/*Scope=*/nullptr, Callee.get(), Loc, {Text}, Loc);
  if (Call.isInvalid())
    return ExprError();
  return S.ActOnFinishFullExpr(Call.get(), Loc, /*DiscardedValue=*/true);
}

ExprResult BodySynthesizer::wrapAsTuple(Expr *Arg, SourceLocation Loc) {
  ExprResult Callee = entryPointRef("as_tuple", QualType(), Loc);
  if (Callee.isInvalid()) {
    Diags.report(Loc, Diag::RuntimeMismatch) << "as_tuple";
    return ExprError();
  }
  return S.BuildCallExpr(/*Scope=*/nullptr, Callee.get(), Loc, {Arg}, Loc);
}

std::optional<unsigned> BodySynthesizer::headerSiteVersion(SourceLocation Loc) {
  LookupResult R(S, &S.Context.Idents.get("site_format_version"), Loc, Sema::LookupOrdinaryName);
  if (!S.LookupQualifiedName(R, Detail) || !R.isSingleResult())
    return std::nullopt;
  const auto *Version = dyn_cast<VarDecl>(R.getFoundDecl());
  const APValue *Value = Version ? Version->evaluateValue() : nullptr;
  if (!Value || !Value->isInt())
    return std::nullopt;
  return static_cast<unsigned>(Value->getInt().getZExtValue());
}

bool BodySynthesizer::runtimeAvailable(const NamedDecl *D) {
  if (SiteVersionChecked)
    return SiteVersionMatches;
  if (!runtimeNamespace(D->getLocation())) {
    if (!ReportedMissingRuntime)
      Diags.report(D->getLocation(), Diag::MissingRuntimeHeader) << D->getName();
    ReportedMissingRuntime = true;
    return false;
  }
  // The header of another PyBridge may read call sites differently.
  SiteVersionChecked = true;
  std::optional<unsigned> Version = headerSiteVersion(D->getLocation());
  SiteVersionMatches = Version == callSiteVersion();
  if (!SiteVersionMatches)
    Diags.report(D->getLocation(), Diag::SiteFormatMismatch)
        << (Version ? 1u : 0u) << Version.value_or(0) << callSiteVersion();
  return SiteVersionMatches;
}

bool BodySynthesizer::synthesize(FunctionDecl *FD, const BodyPlan &Plan) {
  SourceLocation Loc = FD->getLocation();
  ASTContext &Ctx = S.Context;
  if (!runtimeAvailable(FD))
    return false;

  // Constructors initialize bases and members (pybridge::Object) before the
  // body runs.
  if (auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
    S.SetCtorInitializers(Ctor, /*AnyErrors=*/false);

  Sema::SynthesizedFunctionScope Scope(S, FD);
  QualType Result = FD->getReturnType();
  ExprResult Callee = entryPointRef(entryPointName(Plan.Entry),
                                    takesExplicitResultType(Plan.Entry) ? Result : QualType(), Loc);
  if (Callee.isInvalid()) {
    Diags.report(Loc, Diag::RuntimeMismatch) << entryPointName(Plan.Entry);
    return false;
  }

  SmallVector<Expr *, 8> Args;
  bool IsInstanceMember = isa<CXXMethodDecl>(FD) && cast<CXXMethodDecl>(FD)->isInstance();
  if (Plan.Entry == EntryPoint::GetAttr && !IsInstanceMember) {
    // A module constant: get_attr<R>(nullptr, "math.pi").
    Args.push_back(new (Ctx) CXXNullPtrLiteralExpr(Ctx.NullPtrTy, Loc));
  } else if (Plan.Entry != EntryPoint::Invoke) {
    ExprResult This = S.ActOnCXXThis(Loc);
    if (This.isInvalid())
      return false;
    if (Plan.Entry == EntryPoint::InvokeMethod || Plan.Entry == EntryPoint::SetAttr)
      This = S.CreateBuiltinUnaryOp(Loc, UO_Deref, This.get());
    if (This.isInvalid())
      return false;
    Args.push_back(This.get());
  }
  QualType SiteType = Ctx.getStringLiteralArrayType(Ctx.CharTy, Plan.Site.size());
  Args.push_back(StringLiteral::Create(Ctx, Plan.Site, StringLiteralKind::Ordinary,
                                       /*Pascal=*/false, SiteType, Loc));
  for (unsigned I = 0; I < FD->getNumParams(); ++I) {
    ParmVarDecl *Param = FD->getParamDecl(I);
    ExprResult Ref =
        S.BuildDeclRefExpr(Param, Param->getType().getNonReferenceType(), VK_LValue, Loc);
    if (!Ref.isInvalid() && I < Plan.AsTuple.size() && Plan.AsTuple[I])
      Ref = wrapAsTuple(Ref.get(), Loc);
    if (Ref.isInvalid())
      return false;
    Args.push_back(Ref.get());
  }

  ExprResult Call = S.BuildCallExpr(/*Scope=*/nullptr, Callee.get(), Loc, Args, Loc);
  if (Call.isInvalid())
    return false;

  SmallVector<Stmt *, 2> Body;
  if (isa<CXXConstructorDecl>(FD) || FD->isNoReturn()) {
    ExprResult Full = S.ActOnFinishFullExpr(Call.get(), Loc, /*DiscardedValue=*/true);
    if (Full.isInvalid())
      return false;
    Body.push_back(Full.get());
  } else {
    StmtResult Return = S.BuildReturnStmt(Loc, Call.get());
    if (Return.isInvalid())
      return false;
    Body.push_back(Return.get());
  }
  // A [[noreturn]] stub whose Python callable returns after all throws rather
  // than falling off its end.
  if (FD->isNoReturn() && !isa<CXXConstructorDecl>(FD)) {
    ExprResult Returned = noReturnGuard(FD, Loc);
    if (Returned.isInvalid())
      return false;
    Body.push_back(Returned.get());
  }
  FD->setBody(CompoundStmt::Create(Ctx, Body, FPOptionsOverride(), Loc, Loc));
  FD->setImplicitlyInline();
  FD->setWillHaveBody(false);
  return true;
}

} // namespace pybridge
