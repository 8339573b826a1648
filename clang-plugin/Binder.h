//===- Binder.h - turns bound declarations into synthesized bodies ------*- C++ -*-===//
#ifndef PYBRIDGE_PLUGIN_BINDER_H
#define PYBRIDGE_PLUGIN_BINDER_H

#include "BodySynthesizer.h"

#include "clang/AST/DeclCXX.h"
#include "clang/Sema/Sema.h"

namespace pybridge {

/// Finds the bound declarations in what the parser hands over and writes their bodies.
class Binder {
public:
  explicit Binder(clang::Sema &S) : S(S), Synthesizer(S) {}

  /// Walks a top-level declaration (namespaces and classes included).
  void visit(clang::Decl *D);

private:
  void bindFunction(clang::FunctionDecl *FD, llvm::StringRef Target);
  void bindClass(clang::CXXRecordDecl *RD, llvm::StringRef Target);
  void bindMember(clang::CXXMethodDecl *MD, llvm::StringRef ClassTarget);
  /// True (after a diagnostic) when FD cannot get a synthesized body.
  bool rejectShape(clang::FunctionDecl *FD);

  clang::Sema &S;
  BodySynthesizer Synthesizer;
};

/// The Python name of a C++ member: [[pybridge::name]], a dunder for operators
/// (operator() -> __call__), else the C++ name. Empty when the operator has no Python form.
std::string pythonMemberName(const clang::CXXMethodDecl *MD);

} // namespace pybridge

#endif
