//===- Plugin.cpp - the pybridge clang plugin -----------------------------===//
//
// Loaded with -fplugin=pybridge.so. Runs before code generation
// (AddBeforeMainAction), so the bodies it writes for bound declarations are
// compiled like hand-written ones.
//
// Arguments: -fplugin-arg-pybridge-<name>[=<value>], see docs/plugin.md.
//
//===----------------------------------------------------------------------===//
#include "BindingConsumer.h"
#include "PluginOptions.h"

#include "clang/Frontend/FrontendPluginRegistry.h"

using namespace clang;

namespace pybridge {
namespace {

class PyBridgeAction : public PluginASTAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, StringRef) override {
    predefinePluginMacro(CI);
    // The options are copied: clang destroys the action once it has made its
    // consumer.
    return createBindingConsumer(CI, Options);
  }

  bool ParseArgs(const CompilerInstance &CI, const std::vector<std::string> &Args) override {
    return parsePluginOptions(CI.getDiagnostics(), Args, Options);
  }

  ActionType getActionType() override { return AddBeforeMainAction; }

private:
  PluginOptions Options;
};

FrontendPluginRegistry::Add<PyBridgeAction> Register("pybridge",
                                                     "bind C++ stubs to Python libraries");

} // namespace
} // namespace pybridge
