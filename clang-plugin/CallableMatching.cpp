//===- CallableMatching.cpp - C++ callables for Python's Callable ---------===//
//
// A lambda, function pointer or std::function argument becomes a Python
// callable (pybridge/callback.hpp). The checker compares its signature with
// the parameter's `Callable[[A, ...], R]`: the same number of parameters, each
// Python argument convertible into the C++ parameter (as a result is), and the
// C++ result convertible into R (as an argument is). pybridge::Callback erases
// its signature: it fits any Callable, checked at run time.
//
//===----------------------------------------------------------------------===//
#include "TypeMapping.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"

using namespace clang;
using namespace llvm;

namespace pybridge {

namespace {
/// Whether a Converter specialization is the runtime's one for callables.
bool isCallableConverter(Sema &S, const CXXRecordDecl *Converter) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(Converter);
  if (!Spec)
    return false;
  const Decl *Pattern =
      Spec->getSpecializedTemplateOrPartial().dyn_cast<ClassTemplatePartialSpecializationDecl *>();
  if (!Pattern)
    return false;
  const SourceManager &SM = S.getSourceManager();
  OptionalFileEntryRef File =
      SM.getFileEntryRefForID(SM.getFileID(SM.getExpansionLoc(Pattern->getLocation())));
  return File && File->getName().ends_with("pybridge/callback.hpp");
}

/// The one operator() of a class (a lambda's, std::function's), if it has one
/// that is not a template.
const CXXMethodDecl *callOperator(const CXXRecordDecl *RD) {
  const CXXRecordDecl *Def = RD->getDefinition();
  if (!Def)
    return nullptr;
  DeclarationName Name = Def->getASTContext().DeclarationNames.getCXXOperatorName(OO_Call);
  DeclContextLookupResult Found = Def->lookup(Name);
  if (!Found.isSingleResult())
    return nullptr;
  return dyn_cast<CXXMethodDecl>(Found.front());
}
} // namespace

std::optional<CppShape> TypeMatcher::classifyCallable(QualType Canon) {
  CppShape C;
  C.Kind = CppKind::Callable;
  const CXXRecordDecl *RD = Canon->getAsCXXRecordDecl();
  if (RD && RD->getQualifiedNameAsString() == "pybridge::Callback")
    return C;
  const FunctionProtoType *Fn = nullptr;
  if (const auto *Pointer = Canon->getAs<PointerType>())
    Fn = Pointer->getPointeeType()->getAs<FunctionProtoType>();
  if (!Fn && !RD)
    return std::nullopt;
  if (!isCallableConverter(S, converterFor(Canon).Spec))
    return std::nullopt;
  if (Fn) {
    C.Args.push_back(Fn->getReturnType());
    C.Args.append(Fn->param_type_begin(), Fn->param_type_end());
    return C;
  }
  const CXXMethodDecl *Call = callOperator(RD);
  if (!Call)
    return std::nullopt;
  C.Args.push_back(Call->getReturnType());
  for (const ParmVarDecl *Param : Call->parameters())
    C.Args.push_back(Param->getType());
  return C;
}

bool TypeMatcher::matchesCallable(const TypeExpr &Py, const CppShape &C, Direction Dir,
                                  unsigned Depth) {
  if (Dir == Direction::Result || Py.name() != "Callable")
    return false;
  if (C.Args.empty() || Py.numArgs() < 2)
    return true; // pybridge::Callback, or a bare Callable
  TypeExpr Params = Py.arg(0);
  if (Params.name() == "params") {
    if (Params.numArgs() != C.Args.size() - 1)
      return false;
    // Python calls it: each of its arguments comes back into a C++ parameter.
    for (unsigned I = 0, N = Params.numArgs(); I < N; ++I) {
      QualType Param = C.Args[I + 1].getNonReferenceType().getUnqualifiedType();
      if (!matchesShape(Params.arg(I), Param, classify(Param), Direction::Result, Depth + 1))
        return false;
    }
  }
  // ... and the C++ result goes to Python.
  TypeExpr Returns = Py.arg(1);
  QualType Result = C.Args[0].getNonReferenceType().getUnqualifiedType();
  if (Result->isVoidType())
    return Returns.isAny() || Returns.name() == "None";
  return matchesShape(Returns, Result, classify(Result), Direction::Argument, Depth + 1);
}

} // namespace pybridge
