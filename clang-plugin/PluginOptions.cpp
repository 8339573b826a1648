//===- PluginOptions.cpp - -fplugin-arg-pybridge-* ----------------------------------===//
#include "PluginOptions.h"

#include "llvm/ADT/StringRef.h"

using namespace clang;

namespace pybridge {

bool parsePluginOptions(DiagnosticsEngine &Diags, const std::vector<std::string> &Args,
                        PluginOptions &Options) {
  bool Ok = true;
  for (llvm::StringRef Arg : Args) {
    auto [Name, Value] = Arg.split('=');
    if (Name == "cache-dir" && !Value.empty()) {
      Options.CacheDir = Value.str();
    } else if (Name == "offline" && Value.empty()) {
      Options.Offline = true;
    } else if (Name == "python" && !Value.empty()) {
      Options.Python = Value.str();
    } else {
      unsigned ID = Diags.getCustomDiagID(
          DiagnosticsEngine::Error,
          "unknown argument '-fplugin-arg-pybridge-%0'; known: cache-dir=DIR, offline, "
          "python=PATH");
      Diags.Report(ID) << Arg;
      Ok = false;
    }
  }
  return Ok;
}

} // namespace pybridge
