//===- Suggest.h - "did you mean ...?" --------------------------*- C++ -*-===//
#ifndef PYBRIDGE_PLUGIN_SUGGEST_H
#define PYBRIDGE_PLUGIN_SUGGEST_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>

namespace pybridge {

/// The candidate closest to `Wrong` by edit distance, if close enough to be a
/// typo (about a third of the name, as clang's typo correction allows). Dunder
/// names are only suggested for dunder names.
std::optional<llvm::StringRef> closestName(llvm::StringRef Wrong,
                                           llvm::ArrayRef<llvm::StringRef> Candidates);

} // namespace pybridge

#endif
