//===- Binder.cpp - checks bound declarations and writes their bodies -----===//
#include "Binder.h"

#include "Attributes.h"
#include "PythonText.h"

#include "clang/AST/ASTContext.h"
#include "llvm/Support/FormatVariadic.h"

#include <chrono>

using namespace clang;
using namespace llvm;

namespace pybridge {

void Binder::visit(Decl *D) {
  auto Start = std::chrono::steady_clock::now();
  walk(D);
  Milliseconds +=
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - Start).count();
}

void Binder::finish() {
  if (Ctx.Options.TimeReport)
    Ctx.Diags.report(SourceLocation(), Diag::TimeTotal)
        << Bound << formatv("{0:f2}", Milliseconds).str();
}

namespace {

/// Whether a bound class binds its member MD (unless MD has a body in the
/// class): special members C++ writes are left alone.
bool bindsMember(const CXXMethodDecl *MD) {
  if (MD->isImplicit() || MD->isDeleted() || MD->isDefaulted() || isa<CXXDestructorDecl>(MD))
    return false;
  if (auto *Ctor = dyn_cast<CXXConstructorDecl>(MD); Ctor && Ctor->isCopyOrMoveConstructor())
    return false;
  return !MD->isCopyAssignmentOperator() && !MD->isMoveAssignmentOperator();
}

/// A member declared in a bound class: its body is written by the plugin (or
/// by hand inside the class), never out of line.
bool memberOfBoundClass(const FunctionDecl *FD) {
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  return MD && !MD->isOutOfLine() && bindsMember(MD) && boundTarget(MD->getParent());
}

/// Whether the plugin writes FD's body (or wrote it when a precompiled header
/// was built).
bool bodyWrittenByPlugin(const FunctionDecl *FD) {
  return boundTarget(FD) || memberOfBoundClass(FD);
}

/// The earlier declaration of FD's entity whose body the plugin writes, if any.
const FunctionDecl *boundEarlier(const FunctionDecl *FD) {
  for (const FunctionDecl *Prev = FD->getPreviousDecl(); Prev; Prev = Prev->getPreviousDecl())
    if (bodyWrittenByPlugin(Prev))
      return Prev;
  return nullptr;
}

} // namespace

bool Binder::conflictsWithEarlier(const Decl *D) {
  std::optional<StringRef> Mine = ownBoundTarget(D);
  if (!Mine)
    return false;
  for (const Decl *Prev = D->getPreviousDecl(); Prev; Prev = Prev->getPreviousDecl()) {
    std::optional<StringRef> Theirs = ownBoundTarget(Prev);
    if (!Theirs || *Theirs == *Mine)
      continue;
    Ctx.Diags.report(bindAttributeRange(D).getBegin(), Diag::BoundDifferently)
        << cast<NamedDecl>(D) << *Mine << *Theirs << bindAttributeRange(D);
    Ctx.Diags.report(bindAttributeRange(Prev).getBegin(), Diag::EarlierBinding)
        << cast<NamedDecl>(Prev) << *Theirs;
    return true;
  }
  return false;
}

bool Binder::redeclaresBound(FunctionDecl *FD) {
  if (conflictsWithEarlier(FD))
    return true;
  const FunctionDecl *Earlier = boundEarlier(FD);
  if (!Earlier)
    return false;
  // The earlier declaration carries the body (written, or held back by an
  // error). A definition here is the user's; clang may already have called it
  // a redefinition of the written body.
  if (FD->doesThisDeclarationHaveABody())
    Ctx.Diags.report(FD->getLocation(), Diag::DefinedElsewhere)
        << FD << (memberOfBoundClass(Earlier) ? 1u : 0u);
  return true;
}

void Binder::walk(Decl *D) {
  // Declarations from a precompiled header or module got their bodies when it
  // was built.
  if (D->isFromASTFile())
    return;
  if (auto *FD = dyn_cast<FunctionDecl>(D); FD && redeclaresBound(FD))
    return;
  if (D->isInvalidDecl())
    return;
  if (auto *NS = dyn_cast<NamespaceDecl>(D)) {
    for (Decl *Child : NS->decls())
      walk(Child);
    return;
  }
  if (auto *Linkage = dyn_cast<LinkageSpecDecl>(D)) {
    for (Decl *Child : Linkage->decls())
      walk(Child);
    return;
  }
  if (auto *Template = dyn_cast<FunctionTemplateDecl>(D)) {
    if (boundTarget(Template->getTemplatedDecl()))
      rejectShape(Template->getTemplatedDecl());
    return;
  }
  if (auto *Template = dyn_cast<ClassTemplateDecl>(D)) {
    rejectTemplateMembers(Template->getTemplatedDecl());
    return;
  }
  if (auto *FD = dyn_cast<FunctionDecl>(D)) {
    std::optional<StringRef> Target = boundTarget(FD);
    auto *MD = dyn_cast<CXXMethodDecl>(FD);
    if (!Target)
      return;
    // Out of its class: an explicit specialization of a class template's
    // member.
    if (!MD || MD->isStatic())
      bindFunction(FD, *Target);
    else
      Ctx.Diags.report(MD->getLocation(), Diag::InstanceOutsideBoundClass) << MD << MD->getParent();
    return;
  }
  auto *RD = dyn_cast<CXXRecordDecl>(D);
  if (!RD || conflictsWithEarlier(RD) || !RD->isThisDeclarationADefinition())
    return;
  std::optional<StringRef> ClassTarget = boundTarget(RD);
  if (ClassTarget)
    bindClass(RD, *ClassTarget);
  for (Decl *Child : RD->decls()) {
    if (isa<CXXRecordDecl>(Child) || isa<ClassTemplateDecl>(Child)) {
      walk(Child); // nested classes, bound or holding bound members
      continue;
    }
    if (auto *Template = dyn_cast<FunctionTemplateDecl>(Child)) {
      // A member template gets no body: bound (here or by its class), reject
      // it.
      FunctionDecl *Templated = Template->getTemplatedDecl();
      if ((ClassTarget || boundTarget(Templated)) && !Templated->isDefined())
        rejectShape(Templated);
      continue;
    }
    auto *MD = dyn_cast<CXXMethodDecl>(Child);
    std::optional<StringRef> Target = MD ? boundTarget(MD) : std::nullopt;
    if (!Target || ClassTarget)
      continue; // members of a bound class were bound with it
    if (MD->isStatic())
      bindFunction(MD, *Target); // a bound static member of a plain class
    else
      Ctx.Diags.report(MD->getLocation(), Diag::InstanceOutsideBoundClass) << MD << RD;
  }
}

void Binder::rejectTemplateMembers(const CXXRecordDecl *RD) {
  if (!RD || !RD->isThisDeclarationADefinition())
    return;
  if (boundTarget(RD)) {
    Ctx.Diags.report(RD->getLocation(), Diag::TemplateClass) << RD;
    return;
  }
  for (const Decl *Child : RD->decls()) {
    const auto *FD = dyn_cast<FunctionDecl>(Child);
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(Child))
      FD = Template->getTemplatedDecl();
    if (FD && boundTarget(FD))
      Ctx.Diags.report(FD->getLocation(), Diag::TemplateMember) << FD;
    else if (const auto *Nested = dyn_cast<CXXRecordDecl>(Child))
      rejectTemplateMembers(Nested);
  }
}

bool Binder::rejectShape(FunctionDecl *FD) {
  if (FD->isDeleted()) {
    Ctx.Diags.report(FD->getLocation(), Diag::DeletedBound) << FD;
    return true;
  }
  if (const FunctionDecl *Definition = nullptr; FD->isDefined(Definition)) {
    Ctx.Diags.report(Definition->getLocation(), Diag::HasBody) << FD;
    return true;
  }
  if (FD->isConstexpr()) {
    Ctx.Diags.report(FD->getLocation(), Diag::ConstexprBound)
        << FD << (FD->isConsteval() ? 1u : 0u);
    return true;
  }
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD); MD && MD->isExplicitObjectMemberFunction()) {
    Ctx.Diags.report(MD->getParamDecl(0)->getLocation(), Diag::ExplicitObject) << MD;
    return true;
  }
  if (FD->getReturnType()->getContainedAutoType()) {
    Ctx.Diags.report(FD->getLocation(), Diag::DeducedReturn)
        << FD << FD->getReturnTypeSourceRange();
    return true;
  }
  if (FD->getReturnType()->isReferenceType()) {
    Ctx.Diags.report(FD->getLocation(), Diag::ReturnsReference)
        << FD << FD->getReturnTypeSourceRange();
    return true;
  }
  if (FD->isVariadic()) {
    Ctx.Diags.report(FD->getLocation(), Diag::CVariadic) << FD;
    return true;
  }
  if (FD->isDependentContext() || FD->getDescribedFunctionTemplate()) {
    Ctx.Diags.report(FD->getLocation(), Diag::TemplateFunction) << FD;
    return true;
  }
  // Python raises; the runtime turns that into a C++ exception, which a
  // noexcept function turns into std::terminate.
  if (const auto *Proto = FD->getType()->getAs<FunctionProtoType>(); Proto && Proto->isNothrow())
    Ctx.Diags.report(FD->getLocation(), Diag::NoexceptBound) << FD;
  return false;
}

void Binder::bindFunction(FunctionDecl *FD, StringRef Target) {
  ++Bound;
  if (rejectShape(FD) || !Synthesizer.runtimeAvailable(FD) ||
      !Ctx.Signatures.checkConvertible(FD, /*Result=*/true))
    return;
  std::optional<Resolution> R = Ctx.resolveBound(FD, Target);
  if (!R)
    return;
  const Symbol &Sym = *R->Found;
  SourceLocation Loc = FD->getLocation();
  SourceLocation Literal = bindAttributeRange(FD).getBegin();
  const Descriptor &D = Sym.descriptor();

  if (Sym.kind() == SymbolKind::Constant || Sym.kind() == SymbolKind::Property) {
    // A module constant ("math.pi") is read by a function without parameters.
    if (FD->getNumParams() != 0 || FD->getReturnType()->isVoidType()) {
      Ctx.Diags.report(Loc, Diag::NotCallable) << Target;
      return;
    }
    std::optional<TypeExpr> Type = Sym.type();
    if (Type && !Ctx.Types.matches(*Type, FD->getReturnType(), Direction::Result)) {
      if (std::optional<Problem> None =
              Ctx.Signatures.noneResult(FD, Target, *Type, FD->getReturnType())) {
        reportProblem(Ctx.Diags, *None);
        return;
      }
      Ctx.Diags.report(Loc, Diag::PropertyType)
          << Target << formatType(*Type) << 1u << FD->getReturnType();
      return;
    }
    Ctx.warnIfDeprecated(Loc, Target, Sym);
    if (Ctx.checkSource(Loc, Target, "runtime"))
      Synthesizer.synthesize(FD, {EntryPoint::GetAttr, callSite(Target, {}, D, FD)});
    return;
  }
  // A function bound to a class calls the class: checked against its
  // constructor, the result against the class (a factory returning the
  // instance, or a base of it).
  bool CallsClass = Sym.kind() == SymbolKind::Class;
  if (Sym.kind() != SymbolKind::Function && !CallsClass) {
    Ctx.Diags.report(Literal, Diag::NotAFunction)
        << Target << symbolKindName(Sym.kind()) << 0u // %select: bind a function or class inside it
        << bindAttributeRange(FD);
    return;
  }

  Callee C = Callee::of(Sym, Target, Literal);
  Stub St = describeStub(FD, Ctx.Types);
  // "str.upper" through its class: the instance comes first.
  if (R->Parent && R->Parent->kind() == SymbolKind::Class &&
      Sym.methodKind() == MethodKind::Instance)
    St.SelfType = R->Parent->typeName().str();
  Ctx.warnIfDeprecated(Loc, Target, Sym);
  std::optional<Binding> B = Ctx.Signatures.check(St, C);
  if (!B || !Ctx.checkSource(Loc, Target, B->Source))
    return;
  Synthesizer.synthesize(FD,
                         {EntryPoint::Invoke, callSite(Target, B->Keywords, D, FD), B->AsTuple});
}

void Binder::bindClass(CXXRecordDecl *RD, StringRef Target) {
  ++Bound;
  if (RD->isDependentContext()) {
    Ctx.Diags.report(RD->getLocation(), Diag::TemplateClass) << RD;
    return;
  }
  if (isExceptionStub(RD)) {
    if (std::optional<Symbol> Cls = resolveClass(RD, Target))
      Exceptions.bind(RD, Target, *Cls);
    return;
  }
  QualType Type = S.Context.getRecordType(RD);
  Ctx.Types.setLocation(RD->getLocation());
  CppKind Kind = Ctx.Types.classify(Type).Kind;
  if (Kind != CppKind::Bound && Kind != CppKind::Object) {
    Ctx.Diags.report(RD->getLocation(), Diag::ClassNotObject) << RD;
    return;
  }
  SmallVector<CXXMethodDecl *, 8> Members;
  for (CXXMethodDecl *MD : RD->methods()) {
    if (!bindsMember(MD) || MD->isDefined())
      continue; // hand-written helpers in a stub class stay as written
    if (std::optional<StringRef> Own = ownBoundTarget(MD)) {
      // A member bound on its own calls that Python object, not a member of
      // the class: only a static member can (there is no self to pass).
      if (MD->isStatic())
        bindFunction(MD, *Own);
      else
        Ctx.Diags.report(bindAttributeRange(MD).getBegin(), Diag::InstanceBoundElsewhere)
            << MD << *Own << Target;
      continue;
    }
    if (!rejectShape(MD) && Ctx.Signatures.checkConvertible(MD, !isa<CXXConstructorDecl>(MD)))
      Members.push_back(MD);
  }
  std::optional<Symbol> Cls = resolveClass(RD, Target);
  if (!Cls)
    return;
  for (CXXMethodDecl *MD : Members)
    if (std::optional<BodyPlan> Plan = Classes.plan(MD, Target, *Cls))
      Synthesizer.synthesize(MD, *Plan);
}

std::optional<Symbol> Binder::resolveClass(CXXRecordDecl *RD, StringRef Target) {
  if (!Synthesizer.runtimeAvailable(RD))
    return std::nullopt;
  std::optional<Resolution> R = Ctx.resolveBound(RD, Target);
  if (!R)
    return std::nullopt;
  if (R->Found->kind() != SymbolKind::Class) {
    Ctx.Diags.report(bindAttributeRange(RD).getBegin(), Diag::NotAClass)
        << Target << symbolKindName(R->Found->kind()) << bindAttributeRange(RD);
    return std::nullopt;
  }
  Ctx.warnIfDeprecated(RD->getLocation(), Target, *R->Found);
  return R->Found;
}

} // namespace pybridge
