//===- PluginOptions.h - -fplugin-arg-pybridge-* ------------------------*- C++ -*-===//
#ifndef PYBRIDGE_PLUGIN_PLUGINOPTIONS_H
#define PYBRIDGE_PLUGIN_PLUGINOPTIONS_H

#include "clang/Basic/Diagnostic.h"

#include <string>
#include <vector>

namespace pybridge {

struct PluginOptions {
  /// Where descriptors are cached (cache-dir=DIR).
  std::string CacheDir = ".pybridge_cache";
  /// Never start Python; a descriptor missing from the cache is an error (offline).
  bool Offline = false;
  /// The interpreter that describes modules (python=PATH; else PYBRIDGE_PYTHON, else the one
  /// PyBridge was built with).
  std::string Python;
};

/// Parses the plugin's arguments; reports unknown ones as errors and returns false.
bool parsePluginOptions(clang::DiagnosticsEngine &Diags, const std::vector<std::string> &Args,
                        PluginOptions &Options);

} // namespace pybridge

#endif
