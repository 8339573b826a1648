//===- Suggest.h - "did you mean ...?" --------------------------*- C++ -*-===//
//
// Picks the name a reader would take a misspelt one for. The distance counts a
// transposition of neighbouring letters as one edit (`medain` is one edit from
// `median`, two from `mean`), and a suggestion must be within a third of the
// name's length, as clang's own typo correction requires.
//
//===----------------------------------------------------------------------===//
#ifndef PYBRIDGE_PLUGIN_SUGGEST_H
#define PYBRIDGE_PLUGIN_SUGGEST_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>

namespace pybridge {

/// Edits turning A into B (insertions, deletions, replacements, and swaps of
/// two neighbouring letters, each one edit); Limit + 1 when more than Limit.
unsigned typoDistance(llvm::StringRef A, llvm::StringRef B, unsigned Limit);

/// The candidate closest to `Wrong`, if near enough to be a typo of it: the
/// fewest edits, then a difference of case only, then the longest common
/// prefix, then the closest length. Candidates still tied after that are
/// ambiguous: nothing is suggested. Dunder names are only suggested for dunder
/// names.
std::optional<llvm::StringRef> closestName(llvm::StringRef Wrong,
                                           llvm::ArrayRef<llvm::StringRef> Candidates);

/// Whether `Short` reads as an abbreviation of `Long`: the same first letter
/// and its letters in order within `Long` (`w` or `wd` for `width`, `fmt` for
/// `format`), ignoring case and underscores.
bool abbreviates(llvm::StringRef Short, llvm::StringRef Long);

} // namespace pybridge

#endif
