//===- AgentRunner.h - runs the describing agent ----------------*- C++ -*-===//
//
// Starts the agent in its own process group with a time limit, and turns every
// way it can fail (no interpreter, no agent, unknown module, import error,
// hang, crash) into a typed failure the plugin reports as one clear error.
// The agent's answer is complete when it exits: whatever it started is killed
// then, even if it still holds the output pipes. It is started as the
// runtime's workers are (runtime/src/launch.hpp): the compiler's working
// directory is not on its module path, and relative PYTHONPATH and
// PYBRIDGE_STUB_PATH entries are made absolute, so the same settings find the
// same modules and stubs wherever the compiler runs, and as the program will.
//
//===----------------------------------------------------------------------===//
#ifndef PYBRIDGE_PLUGIN_AGENTRUNNER_H
#define PYBRIDGE_PLUGIN_AGENTRUNNER_H

#include "PluginOptions.h"

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <vector>

namespace pybridge {

/// Why the agent gave no descriptor. The agent reports its own failures as
/// JSON with a kind and fields (python/pybridge_agent/describe/errors.py), read
/// here field by field; the other kinds are how the process ended.
struct AgentFailure {
  enum Kind {
    PythonMissing,  // the interpreter cannot be started
    AgentMissing,   // it cannot import pybridge_agent
    ModuleNotFound, // no prefix of the path is an importable module
    ImportFailed,   // the module raised while being imported
    NotAllowed,     // outside PYBRIDGE_ALLOW
    NameRefused,    // a name PYBRIDGE_ALLOW refuses (`math.__dict__`: it leads out)
    TimedOut,
    Failed, // anything else: a crash, a traceback, a signal
  };
  Kind What = Failed;
  /// PythonMissing: the system's error; Failed: the agent's message, or how
  /// the process ended.
  std::string Message;
  /// ModuleNotFound, ImportFailed, NotAllowed: the module concerned.
  std::string Module;
  /// ImportFailed: the exception's type name and text.
  std::string Exception, Detail;
  /// NameRefused: the name, and why the allowlist refuses it (the agent's words).
  std::string Name, Reason;
  /// ModuleNotFound: importable names close to the missing one, from the agent.
  std::vector<std::string> CloseNames;

  static AgentFailure of(Kind What, std::string Message = "") {
    AgentFailure F;
    F.What = What;
    F.Message = std::move(Message);
    return F;
  }
};

struct AgentAnswer {
  std::string Output; // the descriptor JSON, when Failure is empty
  std::optional<AgentFailure> Failure;
};

class AgentRunner {
public:
  explicit AgentRunner(const PluginOptions &Options);

  /// Describes the module containing `Path`
  /// (`agent_command`: `pybridge_agent describe --module-hash PATH`).
  AgentAnswer describe(llvm::StringRef Path) const;

  llvm::StringRef python() const { return Python; }
  /// Where the interpreter setting came from, for messages.
  llvm::StringRef pythonOrigin() const { return PythonOrigin; }
  llvm::StringRef agentPath() const { return AgentPath; }
  unsigned timeoutSeconds() const { return TimeoutSeconds; }
  /// $PYTHONPATH and $PYBRIDGE_STUB_PATH as the agent gets them (absolute).
  llvm::StringRef userPythonPath() const { return UserPythonPath; }
  llvm::StringRef stubPath() const { return StubPath; }

private:
  struct Run;
  Run run(llvm::StringRef Path) const;

  std::string Python;
  std::string PythonOrigin;
  std::string AgentPath;
  std::string UserPythonPath;
  std::string StubPath;
  unsigned TimeoutSeconds;
};

} // namespace pybridge

#endif
