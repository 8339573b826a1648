// How every Python process of PyBridge is started — the clang plugin's `describe` and the
// runtime's workers alike, so compile time and run time see the same modules: which
// interpreter, its command line, its module path and its environment. Compiled into both
// (no exceptions: the plugin is built without them).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pybridge::detail {

/// The interpreter to run and where that choice came from (for messages).
struct Interpreter {
  std::string path; // a path, or a name looked up in PATH
  std::string origin;
};

/// The first of: `explicit_path` (a plugin argument or Options.python, named by
/// `explicit_origin`), $PYBRIDGE_PYTHON, the active virtual environment's
/// $VIRTUAL_ENV/bin/python, the interpreter PyBridge was built with.
Interpreter choose_python(std::string_view explicit_path, std::string_view explicit_origin);

/// A search path (PYTHONPATH, PYBRIDGE_STUB_PATH) with every entry absolute, as Python
/// would resolve it in the current directory (an empty entry is the directory itself).
std::string absolute_search_path(const char *value);

/// A command line and environment that run the agent with `arguments`
/// (`{"serve", ...}` or `{"describe", ...}`).
struct AgentCommand {
  std::vector<std::string> argv; // argv[0] is the interpreter
  std::vector<std::string> env;  // NAME=value, the whole environment
};

/// The agent runs as a script beside its package (`AGENT/pybridge_agent_main.py`), so
/// `sys.path[0]` is the agent's own directory and never the working directory, with any
/// Python version (what `python -P` does from 3.11 on). PYTHONPATH is the agent's directory,
/// then the user's PYTHONPATH made absolute (an entry the user gives stays, the working
/// directory included); PYBRIDGE_STUB_PATH is made absolute; output is unbuffered; the rest
/// of this process's environment is passed on.
AgentCommand agent_command(const std::string &python, const std::vector<std::string> &arguments);

} // namespace pybridge::detail
