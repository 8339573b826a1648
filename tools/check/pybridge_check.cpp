//===- pybridge_check.cpp - the plugin's checks over a compilation database ===//
//
// pybridge-check runs the consumer the plugin adds to clang (BindingConsumer.h)
// with LibTooling, over the files of a compilation database, and prints the
// same diagnostics the compiler with the plugin prints: for CI, pre-commit
// hooks and editors (clangd loads no plugins). The compile commands' own
// -fplugin-arg-pybridge-* options apply (cache-dir, offline, locked, ...);
// their -fplugin= is dropped, since the checks run in this process.
//
//===----------------------------------------------------------------------===//
#include "BindingConsumer.h"
#include "PluginOptions.h"

#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/CommandLine.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <cstdlib>

#ifndef PYBRIDGE_CLANG_RESOURCE_DIR
#error "PYBRIDGE_CLANG_RESOURCE_DIR must name clang 19's resource directory"
#endif
#ifndef PYBRIDGE_AGENT_FROM_BINDIR
#error "PYBRIDGE_AGENT_FROM_BINDIR must name the install tree's agent relative to its bindir"
#endif

using namespace clang;
using namespace clang::tooling;

namespace pybridge {
namespace {

llvm::cl::OptionCategory Category("pybridge-check options");
llvm::cl::opt<bool> ListBound(
    "list-bound", llvm::cl::cat(Category),
    llvm::cl::desc("Also print each bound Python symbol as 'MODULE<tab>PATH' on standard output "
                   "(what pybridge-lock locks)"));
llvm::cl::opt<bool>
    NoLock("no-lock", llvm::cl::cat(Category),
           llvm::cl::desc("Ignore the commands' -fplugin-arg-pybridge-locked=FILE (pybridge-lock "
                          "--update checks against the libraries as installed)"));

constexpr const char *Overview = R"(NAME
    pybridge-check - check PyBridge stubs against Python, without compiling

SYNOPSIS
    pybridge-check [-p <build-dir>] <source>... [-- <compiler arguments>]

DESCRIPTION
    Runs the checks of the PyBridge plugin (-fplugin=pybridge.so) over each source file, with
    the file's command from the compilation database (-p <build-dir>/compile_commands.json,
    found above the first source when -p is not given) or from the arguments after `--`, and
    prints the same diagnostics as clang++ with the plugin. Nothing is compiled or written
    besides the descriptor cache. The command's -fplugin-arg-pybridge-* options apply (see
    docs/plugin.md: cache-dir, offline, locked, strict, ...); its -fplugin= is not needed.

    Editors: clangd loads no plugins, so run pybridge-check as the editor's linter or build
    task (docs/tools.md shows working setups).
)";

constexpr const char *Details = R"(
EXIT STATUS
    0   no errors
    1   an error in a checked file (a stub that does not match Python, a compile error, a
        file that cannot be read)
    2   bad usage: an unknown option, -p without a compilation database

EXAMPLES
    pybridge-check -p build src/*.cpp
    pybridge-check stubs.cpp -- -std=c++20 -I/opt/pybridge/include
    pybridge-check -p build --extra-arg=-fplugin-arg-pybridge-offline src/app.cpp
    pybridge-check -p build --list-bound src/*.cpp     (what pybridge-lock reads)

SEE ALSO
    pybridge-discover, pybridge-lock, docs/tools.md, docs/plugin.md
)";

/// The compiler's front end with the binding consumer alone (-fsyntax-only).
class CheckAction : public ASTFrontendAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, StringRef) override {
    // -fplugin-arg-pybridge-X reaches the front end as it would reach the
    // plugin.
    PluginOptions Options;
    if (!parsePluginOptions(CI.getDiagnostics(), CI.getFrontendOpts().PluginArgs["pybridge"],
                            Options))
      return nullptr;
    if (ListBound)
      Options.OnBound = [](StringRef Module, StringRef Path) {
        llvm::outs() << Module << "\t" << Path << "\n";
      };
    predefinePluginMacro(CI);
    return createBindingConsumer(CI, std::move(Options));
  }
};

/// Drops -fplugin=...: the checks run in this process, and clang must not load
/// the plugin a second time; with --no-lock also the lock file.
ArgumentsAdjuster stripPluginLoads() {
  return [](const CommandLineArguments &Args, StringRef) {
    CommandLineArguments Kept;
    for (const std::string &Arg : Args) {
      StringRef Text(Arg);
      if (Text.starts_with("-fplugin=") ||
          (NoLock && Text.starts_with("-fplugin-arg-pybridge-locked=")))
        continue;
      Kept.push_back(Arg);
    }
    return Kept;
  };
}

/// clang's own builtin headers (stddef.h, ...): LibTooling would look for them
/// beside this executable.
ArgumentsAdjuster addResourceDir() {
  return [](const CommandLineArguments &Args, StringRef) {
    bool Given = llvm::any_of(
        Args, [](const std::string &Arg) { return StringRef(Arg).starts_with("-resource-dir"); });
    if (Given || Args.empty())
      return Args;
    CommandLineArguments WithDir = Args;
    WithDir.insert(WithDir.begin() + 1, "-resource-dir=" PYBRIDGE_CLANG_RESOURCE_DIR);
    return WithDir;
  };
}

/// The install tree's agent, as seen from this executable (the plugin finds it
/// from pybridge.so's directory, which this process does not have).
void findInstalledAgent(const char *Argv0) {
  if (const char *Given = std::getenv("PYBRIDGE_AGENT_PATH"); Given && *Given)
    return;
  std::string Self = llvm::sys::fs::getMainExecutable(Argv0, (void *)&findInstalledAgent);
  llvm::SmallString<256> Agent(llvm::sys::path::parent_path(Self));
  llvm::sys::path::append(Agent, PYBRIDGE_AGENT_FROM_BINDIR);
  llvm::sys::path::remove_dots(Agent, /*remove_dot_dot=*/true);
  llvm::SmallString<256> Main(Agent);
  llvm::sys::path::append(Main, "pybridge_agent", "__main__.py");
  if (llvm::sys::fs::exists(Main))
    ::setenv("PYBRIDGE_AGENT_PATH", Agent.c_str(), /*overwrite=*/0);
}

/// LibTooling goes on without flags when -p names no compilation database;
/// for a check that is an error.
bool buildPathUsable() {
  auto *BuildPath =
      static_cast<llvm::cl::opt<std::string> *>(llvm::cl::getRegisteredOptions().lookup("p"));
  if (!BuildPath || BuildPath->empty())
    return true;
  std::string Error;
  if (CompilationDatabase::autoDetectFromDirectory(*BuildPath, Error))
    return true;
  llvm::errs() << "pybridge-check: no compile_commands.json in '" << *BuildPath
               << "' or above it (CMake writes one with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON)\n";
  return false;
}

} // namespace
} // namespace pybridge

int main(int argc, const char **argv) {
  using namespace pybridge;
  findInstalledAgent(argv[0]);
  llvm::cl::extrahelp MoreHelp(Details);
  auto Parser = CommonOptionsParser::create(argc, argv, Category, llvm::cl::OneOrMore, Overview);
  if (!Parser) {
    llvm::errs() << llvm::toString(Parser.takeError());
    return 2;
  }
  if (!buildPathUsable())
    return 2;
  ClangTool Tool(Parser->getCompilations(), Parser->getSourcePathList());
  Tool.appendArgumentsAdjuster(stripPluginLoads());
  Tool.appendArgumentsAdjuster(addResourceDir());
  // ClangTool's codes: 1 for an error in a file, 2 for a file skipped without
  // a compile command (the database infers one from its neighbours).
  return Tool.run(newFrontendActionFactory<CheckAction>().get());
}
