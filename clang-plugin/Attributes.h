//===- Attributes.h - the pybridge attributes -------------------*- C++ -*-===//
//
// The attributes are recorded on declarations as AnnotateAttrs so later stages
// (and -ast-dump) can read them: "pybridge::bind=<python path>",
// "pybridge::name=<python name>", "pybridge::cacheable=<ms>",
// "pybridge::idempotent".
//
//===----------------------------------------------------------------------===//
#ifndef PYBRIDGE_PLUGIN_ATTRIBUTES_H
#define PYBRIDGE_PLUGIN_ATTRIBUTES_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/StringRef.h"

#include <pybridge/detail/site_format.hpp>

#include <optional>
#include <string>

namespace pybridge {

/// The Python path a declaration is bound to ("statistics.median"), if any.
std::optional<llvm::StringRef> boundTarget(const clang::Decl *D);

/// The Python path given by D's own [[pybridge::bind]], not one inherited from
/// an earlier declaration of the same entity.
std::optional<llvm::StringRef> ownBoundTarget(const clang::Decl *D);

/// The Python name given by [[pybridge::name("...")]], if any.
std::optional<llvm::StringRef> pythonNameOverride(const clang::Decl *D);

/// The string literal of [[pybridge::bind("...")]] (diagnostics and fix-its
/// point there); the declaration's location if it has none.
clang::SourceRange bindAttributeRange(const clang::Decl *D);

/// The string literal of [[pybridge::name("...")]].
clang::SourceRange nameAttributeRange(const clang::Decl *D);

/// The call policies of D for the runtime: caching from
/// [[pybridge::cacheable(ms)]], retries from [[pybridge::idempotent]].
detail::SitePolicy callPolicy(const clang::Decl *D);

} // namespace pybridge

#endif
