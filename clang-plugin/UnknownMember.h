//===- UnknownMember.h - a bound path that names nothing --------*- C++ -*-===//
//
// "'math' has no attribute 'mean'; did you mean 'statistics.mean'?": the same
// name in a module a reader mixes up with the one written — a sibling in the
// standard library (math, statistics, cmath, ...; os, os.path, shutil;
// itertools, functools, ...) or a module this compilation already uses — else
// the member a typo was meant to be; either with a fix-it on the bound string.
//
//===----------------------------------------------------------------------===//
#ifndef PYBRIDGE_PLUGIN_UNKNOWNMEMBER_H
#define PYBRIDGE_PLUGIN_UNKNOWNMEMBER_H

#include "DescriptorStore.h"
#include "Diagnostics.h"

#include "clang/Basic/SourceLocation.h"

namespace pybridge {

/// Reports that Path (bound by the string literal at Literal) names no member
/// where R stopped.
void reportUnknownMember(Diagnostics &Diags, DescriptorStore &Store, const Resolution &R,
                         llvm::StringRef Path, clang::SourceRange Literal);

} // namespace pybridge

#endif
