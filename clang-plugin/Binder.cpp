//===- Binder.cpp - turns bound declarations into synthesized bodies ----------------===//
#include "Binder.h"

#include "Attributes.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"

using namespace clang;

namespace pybridge {

namespace {
/// The call-site string "target|keywords" (see pybridge/detail/call.hpp): a parameter named
/// with [[pybridge::name("...")]] is passed by that keyword, the others by position.
std::string siteFor(StringRef Target, const FunctionDecl *FD) {
  std::string Keywords;
  bool AnyKeyword = false;
  for (unsigned I = 0, N = FD->getNumParams(); I != N; ++I) {
    if (I)
      Keywords += ',';
    if (auto Name = pythonNameOverride(FD->getParamDecl(I))) {
      Keywords += *Name;
      AnyKeyword = true;
    }
  }
  if (!AnyKeyword)
    return Target.str();
  return (Target + "|" + Keywords).str();
}
} // namespace

std::string pythonMemberName(const CXXMethodDecl *MD) {
  if (auto Override = pythonNameOverride(MD))
    return Override->str();
  switch (MD->getOverloadedOperator()) {
  case OO_None:
    return MD->getIdentifier() ? MD->getName().str() : std::string();
  case OO_Call: return "__call__";
  case OO_Subscript: return "__getitem__";
  case OO_EqualEqual: return "__eq__";
  case OO_ExclaimEqual: return "__ne__";
  case OO_Less: return "__lt__";
  case OO_LessEqual: return "__le__";
  case OO_Greater: return "__gt__";
  case OO_GreaterEqual: return "__ge__";
  case OO_Plus: return MD->getNumParams() == 0 ? "__pos__" : "__add__";
  case OO_Minus: return MD->getNumParams() == 0 ? "__neg__" : "__sub__";
  case OO_Star: return "__mul__";
  case OO_Slash: return "__truediv__";
  case OO_Percent: return "__mod__";
  case OO_Amp: return "__and__";
  case OO_Pipe: return "__or__";
  case OO_Caret: return "__xor__";
  case OO_LessLess: return "__lshift__";
  case OO_GreaterGreater: return "__rshift__";
  case OO_Tilde: return "__invert__";
  case OO_PlusEqual: return "__iadd__";
  case OO_MinusEqual: return "__isub__";
  case OO_StarEqual: return "__imul__";
  case OO_SlashEqual: return "__itruediv__";
  default: return std::string();
  }
}

void Binder::visit(Decl *D) {
  if (D->isInvalidDecl())
    return;
  if (auto *NS = dyn_cast<NamespaceDecl>(D)) {
    for (Decl *Child : NS->decls())
      visit(Child);
    return;
  }
  if (auto *Linkage = dyn_cast<LinkageSpecDecl>(D)) {
    for (Decl *Child : Linkage->decls())
      visit(Child);
    return;
  }
  if (auto *Template = dyn_cast<FunctionTemplateDecl>(D)) {
    if (boundTarget(Template->getTemplatedDecl()))
      rejectShape(Template->getTemplatedDecl());
    return;
  }
  if (auto *FD = dyn_cast<FunctionDecl>(D)) {
    if (auto Target = boundTarget(FD); Target && !isa<CXXMethodDecl>(FD))
      bindFunction(FD, *Target);
    return;
  }
  if (auto *RD = dyn_cast<CXXRecordDecl>(D)) {
    if (!RD->isThisDeclarationADefinition())
      return;
    if (auto Target = boundTarget(RD))
      return bindClass(RD, *Target);
    for (Decl *Child : RD->decls()) // bound classes nested in plain ones
      if (isa<CXXRecordDecl>(Child))
        visit(Child);
  }
}

bool Binder::rejectShape(FunctionDecl *FD) {
  DiagnosticsEngine &Diags = S.getDiagnostics();
  if (FD->isDefined()) {
    unsigned ID = Diags.getCustomDiagID(
        DiagnosticsEngine::Error,
        "%0 is bound to Python and must not have a body; PyBridge writes it");
    S.Diag(FD->getLocation(), ID) << FD;
    return true;
  }
  if (FD->getReturnType()->getContainedAutoType()) {
    unsigned ID = Diags.getCustomDiagID(
        DiagnosticsEngine::Error,
        "bound function %0 cannot have a deduced return type; spell out the C++ type of "
        "the Python result");
    S.Diag(FD->getLocation(), ID) << FD << FD->getReturnTypeSourceRange();
    return true;
  }
  if (FD->getReturnType()->isReferenceType()) {
    unsigned ID = Diags.getCustomDiagID(
        DiagnosticsEngine::Error,
        "bound function %0 must return by value: the result is converted from Python");
    S.Diag(FD->getLocation(), ID) << FD << FD->getReturnTypeSourceRange();
    return true;
  }
  if (FD->isVariadic()) {
    unsigned ID = Diags.getCustomDiagID(
        DiagnosticsEngine::Error,
        "bound function %0 cannot be a C variadic function; use a parameter pack-free "
        "signature or pybridge::call");
    S.Diag(FD->getLocation(), ID) << FD;
    return true;
  }
  if (FD->isDependentContext() || FD->getDescribedFunctionTemplate()) {
    unsigned ID = Diags.getCustomDiagID(
        DiagnosticsEngine::Error, "bound function %0 cannot be a template");
    S.Diag(FD->getLocation(), ID) << FD;
    return true;
  }
  return false;
}

void Binder::bindFunction(FunctionDecl *FD, StringRef Target) {
  if (rejectShape(FD))
    return;
  Synthesizer.synthesize(FD, {EntryPoint::Invoke, siteFor(Target, FD)});
}

void Binder::bindClass(CXXRecordDecl *RD, StringRef Target) {
  if (RD->isDependentContext()) {
    unsigned ID = S.getDiagnostics().getCustomDiagID(
        DiagnosticsEngine::Error, "bound class %0 cannot be a template");
    S.Diag(RD->getLocation(), ID) << RD;
    return;
  }
  for (CXXMethodDecl *MD : RD->methods()) {
    if (MD->isImplicit() || MD->isDeleted() || MD->isDefaulted() ||
        isa<CXXDestructorDecl>(MD))
      continue;
    if (auto *Ctor = dyn_cast<CXXConstructorDecl>(MD); Ctor && Ctor->isCopyOrMoveConstructor())
      continue;
    if (MD->isCopyAssignmentOperator() || MD->isMoveAssignmentOperator())
      continue;
    if (MD->isDefined())
      continue; // hand-written helpers in a stub class stay as written
    bindMember(MD, Target);
  }
}

void Binder::bindMember(CXXMethodDecl *MD, StringRef ClassTarget) {
  if (rejectShape(MD))
    return;
  if (isa<CXXConstructorDecl>(MD)) {
    Synthesizer.synthesize(MD, {EntryPoint::Construct, siteFor(ClassTarget, MD)});
    return;
  }
  std::string Name = pythonMemberName(MD);
  if (Name.empty()) {
    unsigned ID = S.getDiagnostics().getCustomDiagID(
        DiagnosticsEngine::Error,
        "%0 has no Python equivalent; name the Python method with "
        "[[pybridge::name(\"...\")]]");
    S.Diag(MD->getLocation(), ID) << MD;
    return;
  }
  if (MD->isStatic()) {
    Synthesizer.synthesize(MD,
                           {EntryPoint::Invoke, siteFor((ClassTarget + "." + Name).str(), MD)});
    return;
  }
  Synthesizer.synthesize(MD, {EntryPoint::InvokeMethod, siteFor(Name, MD)});
}

} // namespace pybridge
