//===- StoreErrors.h - why a bound path has no descriptor -------*- C++ -*-===//
//
// Reports a failure to get a descriptor (a corrupt or stale cache, offline
// mode, the agent's own failures) as one clear error at the bound path's
// string literal, with "did you mean" and a fix-it for a misspelt module.
//
//===----------------------------------------------------------------------===//
#ifndef PYBRIDGE_PLUGIN_STOREERRORS_H
#define PYBRIDGE_PLUGIN_STOREERRORS_H

#include "AgentRunner.h"
#include "DescriptorStore.h"
#include "Diagnostics.h"

#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/StringRef.h"

namespace pybridge {

/// Reports E, the store's failure to resolve Path, at Literal (the string of
/// the bind attribute).
void reportStoreError(Diagnostics &Diags, clang::SourceRange Literal, llvm::StringRef Path,
                      const StoreError &E, const AgentRunner &Agent);

} // namespace pybridge

#endif
