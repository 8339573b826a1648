//===- CheckContext.h - what checking a stub needs --------------*- C++ -*-===//
//
// The pieces every check uses (diagnostics, options, the descriptor store, the
// class hierarchy, the type matcher and the signature checker), plus the steps
// shared by functions and classes: resolving the bound path with "did you mean"
// fix-its, deprecation warnings, strict mode and coverage remarks.
//
//===----------------------------------------------------------------------===//
#ifndef PYBRIDGE_PLUGIN_CHECKCONTEXT_H
#define PYBRIDGE_PLUGIN_CHECKCONTEXT_H

#include "CallSite.h"
#include "ClassHierarchy.h"
#include "DescriptorStore.h"
#include "Diagnostics.h"
#include "LockFile.h"
#include "PluginOptions.h"
#include "SignatureChecker.h"
#include "TypeMatcher.h"

#include "llvm/ADT/StringSet.h"

namespace pybridge {

struct CheckContext {
  CheckContext(clang::Sema &S, const PluginOptions &Options);

  clang::Sema &S;
  const PluginOptions &Options;
  Diagnostics Diags;
  DescriptorStore Store;
  ClassHierarchy Classes;
  TypeMatcher Types;
  SignatureChecker Signatures;
  /// The lock bound symbols are checked against (locked=FILE), if any.
  std::optional<LockFile> Lock;

  /// Resolves the path bound on D; reports why it cannot be (once per cause)
  /// and returns nothing then. Unknown names get "did you mean" with a fix-it
  /// on the string literal.
  std::optional<Resolution> resolveBound(const clang::Decl *D, llvm::StringRef Path);

  /// True (after an error at Loc) when describing Sym failed in Python.
  bool describeFailed(clang::SourceLocation Loc, llvm::StringRef DisplayName, const Symbol &Sym);

  /// -Wdeprecated-declarations for a deprecated Python API.
  void warnIfDeprecated(clang::SourceLocation Loc, llvm::StringRef DisplayName, const Symbol &Sym);

  /// Strict mode and the coverage remark for one bound symbol; false after a
  /// strict error.
  bool checkSource(clang::SourceLocation Loc, llvm::StringRef DisplayName, llvm::StringRef Source);

  /// Time-report remarks for descriptors loaded since the last call.
  void reportLoads(clang::SourceLocation Loc);

private:
  /// The causes (StoreError::key) already reported.
  llvm::StringSet<> Reported;
};

/// "class", "function", ... for messages.
llvm::StringRef symbolKindName(SymbolKind Kind);

} // namespace pybridge

#endif
