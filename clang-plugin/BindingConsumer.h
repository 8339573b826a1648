//===- BindingConsumer.h - what the plugin and pybridge-check run -*- C++ -*-===//
//
// The AST consumer that checks every bound declaration against Python and
// writes its body. The plugin (Plugin.cpp) adds it before code generation;
// pybridge-check (tools/check) runs it over a compilation database: one piece
// of code, so both report the same diagnostics.
//
//===----------------------------------------------------------------------===//
#ifndef PYBRIDGE_PLUGIN_BINDINGCONSUMER_H
#define PYBRIDGE_PLUGIN_BINDINGCONSUMER_H

#include "PluginOptions.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Frontend/CompilerInstance.h"

#include <memory>

namespace pybridge {

/// The macro pybridge.hpp reads to know that stubs are being checked (without
/// it, the first stub is an error naming the fix).
inline constexpr llvm::StringLiteral PluginMacro = "__PYBRIDGE_PLUGIN__";

/// Predefines PluginMacro; call before the main file is entered (from
/// CreateASTConsumer).
void predefinePluginMacro(clang::CompilerInstance &CI);

/// The consumer checking and binding the stubs of CI's translation unit.
std::unique_ptr<clang::ASTConsumer> createBindingConsumer(clang::CompilerInstance &CI,
                                                          PluginOptions Options);

} // namespace pybridge

#endif
