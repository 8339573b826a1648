//===- Plugin.cpp - the pybridge clang plugin -----------------------------===//
//
// Loaded with -fplugin=pybridge.so. Runs before code generation
// (AddBeforeMainAction), so the bodies it writes for bound declarations are
// compiled like hand-written ones.
//
// Arguments: -fplugin-arg-pybridge-<name>[=<value>], see docs/plugin.md.
//
//===----------------------------------------------------------------------===//
#include "Binder.h"
#include "PluginOptions.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"

#include <memory>

using namespace clang;

namespace pybridge {
namespace {

class BindingConsumer : public ASTConsumer {
public:
  // The options are copied: clang destroys the action once it has made its
  // consumer.
  BindingConsumer(CompilerInstance &CI, PluginOptions Options)
      : CI(CI), Options(std::move(Options)) {}

  bool HandleTopLevelDecl(DeclGroupRef Group) override {
    if (!CI.hasSema())
      return true;
    if (!Bind)
      Bind = std::make_unique<Binder>(CI.getSema(), Options);
    for (Decl *D : Group)
      Bind->visit(D);
    return true;
  }

  void HandleTranslationUnit(ASTContext &) override {
    if (Bind)
      Bind->finish();
  }

private:
  CompilerInstance &CI;
  PluginOptions Options;
  std::unique_ptr<Binder> Bind;
};

class PyBridgeAction : public PluginASTAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, StringRef) override {
    return std::make_unique<BindingConsumer>(CI, Options);
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
