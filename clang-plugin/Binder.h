//===- Binder.h - checks bound declarations, writes bodies ------*- C++ -*-===//
#ifndef PYBRIDGE_PLUGIN_BINDER_H
#define PYBRIDGE_PLUGIN_BINDER_H

#include "BodySynthesizer.h"
#include "CheckContext.h"
#include "ClassChecker.h"
#include "ExceptionClasses.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Sema/Sema.h"

namespace pybridge {

/// Finds the bound declarations in what the parser hands over, checks each
/// against its Python descriptor and writes its body.
class Binder {
public:
  Binder(clang::Sema &S, const PluginOptions &Options)
      : S(S), Ctx(S, Options), Synthesizer(S, Ctx.Diags), Classes(Ctx),
        Exceptions(Ctx, Synthesizer) {}

  /// Walks a top-level declaration (namespaces and classes included).
  void visit(clang::Decl *D);

  /// The end of the translation unit: the time-report total.
  void finish();

private:
  void bindFunction(clang::FunctionDecl *FD, llvm::StringRef Target);
  void bindClass(clang::CXXRecordDecl *RD, llvm::StringRef Target);
  /// The Python class RD is bound to, or nothing after a diagnostic.
  std::optional<Symbol> resolveClass(clang::CXXRecordDecl *RD, llvm::StringRef Target);
  /// Bound members of class templates cannot get bodies: one clear error each.
  void rejectTemplateMembers(const clang::CXXRecordDecl *RD);
  /// True (after a diagnostic) when FD cannot get a synthesized body.
  bool rejectShape(clang::FunctionDecl *FD);

  void walk(clang::Decl *D);
  /// A redeclaration of a function whose body the plugin writes: done with it
  /// (after a diagnostic when it conflicts or brings its own body).
  bool redeclaresBound(clang::FunctionDecl *FD);
  /// True (after a diagnostic) when D's [[pybridge::bind]] names another Python
  /// object than an earlier declaration of the same entity.
  bool conflictsWithEarlier(const clang::Decl *D);

  clang::Sema &S;
  CheckContext Ctx;
  /// Time spent binding (checks, descriptors, Python) and how many
  /// declarations.
  double Milliseconds = 0;
  unsigned Bound = 0;
  BodySynthesizer Synthesizer;
  ClassChecker Classes;
  ExceptionClassBinder Exceptions;
};

} // namespace pybridge

#endif
