//===- LockFile.h - checking stubs against pybridge.lock --------*- C++ -*-===//
//
// pybridge.lock (written by pybridge-lock, docs/tools.md) pins, per module,
// the library version, a fingerprint of the library, and the JSON of every
// symbol a build binds. With -fplugin-arg-pybridge-locked=FILE a bound symbol
// must be in it and unchanged, from the library it pins; each changed symbol
// is an error at its stub. The fingerprint is an object of named kinds
// ({"module_hash": ...}): a kind this plugin does not know is not compared, so
// a later fingerprint can be added beside the module hash.
//
//===----------------------------------------------------------------------===//
#ifndef PYBRIDGE_PLUGIN_LOCKFILE_H
#define PYBRIDGE_PLUGIN_LOCKFILE_H

#include "Descriptor.h"
#include "Diagnostics.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/JSON.h"

#include <optional>
#include <string>

namespace pybridge {

class LockFile {
public:
  LockFile(std::string File, Diagnostics &Diags) : File(std::move(File)), Diags(Diags) {}

  /// Whether Found, bound at Path, is locked and unchanged from the library the
  /// lock pins; reports why not at Loc otherwise.
  bool check(clang::SourceLocation Loc, llvm::StringRef Path, const Symbol &Found);

  llvm::StringRef file() const { return File; }

private:
  /// The parsed lock, or null after reporting (once) why it cannot be read.
  const llvm::json::Object *modules(clang::SourceLocation Loc);
  /// Whether the module's library is the one locked (reported once per
  /// module).
  bool libraryMatches(clang::SourceLocation Loc, const Descriptor &D,
                      const llvm::json::Object &Locked);

  std::string File;
  Diagnostics &Diags;
  std::optional<llvm::json::Value> Parsed;
  bool Unreadable = false;
  llvm::StringSet<> CheckedModules;
  llvm::StringSet<> ChangedModules;
};

/// The first place where two symbols' JSON differ, docstrings aside
/// ("signatures[0].params[1].type"), or nothing when they are the same.
std::optional<std::string> firstDifference(const llvm::json::Value &Locked,
                                           const llvm::json::Value &Now);

} // namespace pybridge

#endif
