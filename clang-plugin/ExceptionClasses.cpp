//===- ExceptionClasses.cpp - C++ classes for Python exceptions -----------===//
#include "ExceptionClasses.h"

#include "Attributes.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/Sema/Sema.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;
using namespace llvm;

namespace pybridge {

namespace {

/// A class of the runtime's errors.hpp: pybridge::PythonError, pybridge::ValueError, ...
bool isRuntimeClass(const CXXRecordDecl *RD) {
  const auto *NS = dyn_cast<NamespaceDecl>(RD->getDeclContext());
  return NS && NS->getName() == "pybridge" && isa<TranslationUnitDecl>(NS->getDeclContext());
}

const CXXRecordDecl *baseRecord(const CXXBaseSpecifier &Base) {
  const CXXRecordDecl *RD = Base.getType()->getAsCXXRecordDecl();
  return RD ? RD->getDefinition() : nullptr;
}

std::string quotedList(ArrayRef<StringRef> Names) {
  std::string Text;
  for (StringRef Name : Names) {
    if (Name == "builtins.object")
      continue;
    Text += (Text.empty() ? "'" : ", '") + Name.str() + "'";
  }
  return Text;
}

} // namespace

bool isExceptionStub(const CXXRecordDecl *RD) {
  if (!RD || !RD->hasDefinition())
    return false;
  for (const CXXBaseSpecifier &Base : RD->getDefinition()->bases()) {
    const CXXRecordDecl *B = baseRecord(Base);
    if (B && ((isRuntimeClass(B) && B->getName() == "PythonError") || isExceptionStub(B)))
      return true;
  }
  return false;
}

void ExceptionClassBinder::bind(CXXRecordDecl *RD, StringRef Target, const Symbol &Cls) {
  SmallVector<StringRef, 4> Mro = Cls.exceptionMro();
  if (Mro.empty()) {
    SourceRange Attribute = bindAttributeRange(RD);
    Ctx.Diags.report(Attribute.getBegin(), Diag::NotAnException) << Target << RD << Attribute;
    return;
  }
  if (checkBases(RD, Target, Mro))
    registerClass(RD, Mro.front());
}

bool ExceptionClassBinder::checkBases(const CXXRecordDecl *RD, StringRef Target,
                                      ArrayRef<StringRef> Mro) {
  bool Fits = true;
  for (const CXXBaseSpecifier &Base : RD->bases()) {
    const CXXRecordDecl *B = baseRecord(Base);
    if (!B || !(isExceptionStub(B) || isRuntimeClass(B)))
      continue;
    if (!isRuntimeClass(B) && !boundTarget(B)) {
      // A plain C++ class between: its own bases speak for it.
      Fits &= checkBases(B, Target, Mro);
      continue;
    }
    std::optional<std::string> Python = pythonClassOf(B);
    if (!Python) {
      Fits = false;
      continue;
    }
    if (Python->empty() || is_contained(Mro, StringRef(*Python)))
      continue;
    Ctx.Diags.report(Base.getBeginLoc(), Diag::ExceptionBaseMismatch)
        << Target << *Python << RD->getQualifiedNameAsString() << B->getQualifiedNameAsString()
        << Base.getSourceRange();
    Ctx.Diags.report(Base.getBeginLoc(), Diag::ExceptionMro)
        << Mro.front() << quotedList(Mro.drop_front());
    Fits = false;
  }
  return Fits;
}

std::optional<std::string> ExceptionClassBinder::pythonClassOf(const CXXRecordDecl *Base) {
  if (isRuntimeClass(Base))
    return Base->getName() == "PythonError" ? std::string() : ("builtins." + Base->getName()).str();
  std::optional<StringRef> Target = boundTarget(Base);
  if (!Target)
    return std::nullopt;
  std::optional<Resolution> R = Ctx.resolveBound(Base, *Target);
  if (!R || R->Found->kind() != SymbolKind::Class)
    return std::nullopt; // reported with the base's own binding
  SmallVector<StringRef, 4> Mro = R->Found->exceptionMro();
  if (Mro.empty())
    return std::nullopt;
  return Mro.front().str();
}

void ExceptionClassBinder::registerClass(CXXRecordDecl *RD, StringRef PythonName) {
  Sema &S = Ctx.S;
  ASTContext &C = S.Context;
  SourceLocation Loc = RD->getLocation();
  QualType Class = C.getRecordType(RD);
  ExprResult Callee = Synthesizer.entryPointRef("bind_exception_class", Class, Loc);
  if (Callee.isInvalid()) {
    Ctx.Diags.report(Loc, Diag::RuntimeMismatch) << "bind_exception_class";
    return;
  }
  QualType NameType = C.getStringLiteralArrayType(C.CharTy, PythonName.size());
  Expr *Name = clang::StringLiteral::Create(C, PythonName, StringLiteralKind::Ordinary,
                                            /*Pascal=*/false, NameType, Loc);
  ExprResult Call = S.BuildCallExpr(/*Scope=*/nullptr, Callee.get(), Loc, {Name}, Loc);
  if (Call.isInvalid())
    return;

  // A variable of the translation unit with internal linkage whose initializer
  // has a side effect: codegen emits it (and runs it before main) though
  // nothing refers to it.
  TranslationUnitDecl *TU = C.getTranslationUnitDecl();
  QualType Type = C.BoolTy.withConst();
  IdentifierInfo *Id = &C.Idents.get(("__pybridge_exception_class_" + Twine(Registered++)).str());
  VarDecl *Var =
      VarDecl::Create(C, TU, Loc, Loc, Id, Type, C.getTrivialTypeSourceInfo(Type, Loc), SC_Static);
  Var->setImplicit();
  TU->addDecl(Var);
  S.AddInitializerToDecl(Var, Call.get(), /*DirectInit=*/false);
  if (Var->isInvalidDecl())
    return;
  Var->markUsed(C);
  // Handed to every consumer (codegen's too) like a declaration of the source.
  S.getASTConsumer().HandleTopLevelDecl(DeclGroupRef(Var));
}

} // namespace pybridge
