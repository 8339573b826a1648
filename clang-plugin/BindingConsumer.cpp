//===- BindingConsumer.cpp - checks stubs and writes their bodies ---------===//
#include "BindingConsumer.h"

#include "Binder.h"

#include "clang/Lex/Preprocessor.h"

using namespace clang;

namespace pybridge {
namespace {

class BindingConsumer : public ASTConsumer {
public:
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

} // namespace

void predefinePluginMacro(CompilerInstance &CI) {
  // The predefines buffer is entered with the main file, after the consumers
  // are made.
  Preprocessor &PP = CI.getPreprocessor();
  PP.setPredefines(PP.getPredefines() + "#define " + PluginMacro.str() + " 1\n");
}

std::unique_ptr<ASTConsumer> createBindingConsumer(CompilerInstance &CI, PluginOptions Options) {
  return std::make_unique<BindingConsumer>(CI, std::move(Options));
}

} // namespace pybridge
