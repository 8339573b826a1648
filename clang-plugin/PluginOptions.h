//===- PluginOptions.h - -fplugin-arg-pybridge-* ----------------*- C++ -*-===//
#ifndef PYBRIDGE_PLUGIN_PLUGINOPTIONS_H
#define PYBRIDGE_PLUGIN_PLUGINOPTIONS_H

#include "clang/Basic/Diagnostic.h"

#include <functional>
#include <string>
#include <vector>

namespace pybridge {

/// Where a signature's types came from, best first (the descriptor's `source`).
enum class TypeSource { Runtime, Stub, TextSignature, None };

struct PluginOptions {
  /// Where descriptors are cached (cache-dir=DIR).
  std::string CacheDir = ".pybridge_cache";
  /// Never start Python; a descriptor missing from the cache is an error
  /// (offline).
  bool Offline = false;
  /// The interpreter that describes modules (python=PATH; else PYBRIDGE_PYTHON,
  /// else the one PyBridge was built with).
  std::string Python;
  /// How long describing one module may take (describe-timeout=SECONDS).
  unsigned DescribeTimeoutSeconds = 120;
  /// Warn when a bound parameter or result is untyped in Python (warn-untyped).
  bool WarnUntyped = false;
  /// One remark per bound symbol saying where its types came from (coverage).
  bool Coverage = false;
  /// The worst type source a bound symbol may have
  /// (strict=runtime|stub|text_signature).
  TypeSource Strict = TypeSource::None;
  /// A remark per descriptor load with its time and size (time-report).
  bool TimeReport = false;
  /// pybridge.lock: a bound symbol must be locked, and its library must be the
  /// one locked (locked=FILE).
  std::string LockFile;
  /// Called with the module and the path of every bound symbol found
  /// (pybridge-check --list-bound, for pybridge-lock); not a plugin argument.
  std::function<void(llvm::StringRef Module, llvm::StringRef Path)> OnBound;
};

/// Parses the plugin's arguments; reports unknown ones as errors and returns
/// false.
bool parsePluginOptions(clang::DiagnosticsEngine &Diags, const std::vector<std::string> &Args,
                        PluginOptions &Options);

/// The rank of a descriptor `source` string ("runtime", "stub:...", ...).
TypeSource typeSourceOf(llvm::StringRef Source);
/// "runtime", "stub", "text_signature", "none".
llvm::StringRef typeSourceName(TypeSource Source);

} // namespace pybridge

#endif
