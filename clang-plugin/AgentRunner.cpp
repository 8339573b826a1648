//===- AgentRunner.cpp - runs `python -m pybridge_agent describe` ---------===//
#include "AgentRunner.h"

#include "paths.hpp"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

using namespace llvm;

namespace pybridge {

namespace {

const char *envOrNull(const char *Name) {
  const char *Value = std::getenv(Name);
  return Value && *Value ? Value : nullptr;
}

/// The environment for the agent: ours, with the agent directory first on
/// PYTHONPATH.
std::vector<std::string> agentEnvironment(StringRef AgentPath) {
  std::vector<std::string> Env;
  std::string PythonPath = ("PYTHONPATH=" + AgentPath).str();
  for (char **Entry = environ; Entry && *Entry; ++Entry) {
    StringRef Text(*Entry);
    if (Text.consume_front("PYTHONPATH=")) {
      if (!Text.empty())
        PythonPath += (":" + Text).str();
      continue;
    }
    Env.emplace_back(*Entry);
  }
  Env.push_back(std::move(PythonPath));
  return Env;
}

/// The last "pybridge_agent: ..." line the agent wrote, else the last non-empty
/// line.
std::string agentMessage(StringRef Stderr) {
  SmallVector<StringRef, 16> Lines;
  Stderr.split(Lines, '\n', -1, /*KeepEmpty=*/false);
  for (StringRef Line : llvm::reverse(Lines))
    if (Line.consume_front("pybridge_agent: "))
      return Line.trim().str();
  return Lines.empty() ? std::string() : Lines.back().trim().str();
}

AgentFailure classify(int Status, StringRef Stderr) {
  if (WIFSIGNALED(Status))
    return {AgentFailure::Failed, ("killed by signal " + Twine(WTERMSIG(Status)) + " (" +
                                   strsignal(WTERMSIG(Status)) + ")")
                                      .str()};
  int Code = WIFEXITED(Status) ? WEXITSTATUS(Status) : -1;
  if (Stderr.contains("No module named pybridge_agent"))
    return {AgentFailure::AgentMissing, agentMessage(Stderr)};
  if (Code == 127)
    return {AgentFailure::PythonMissing, agentMessage(Stderr)};
  std::string Message = agentMessage(Stderr);
  StringRef Text(Message);
  if (Code == 2 && Text.starts_with("no module named"))
    return {AgentFailure::ModuleNotFound, Message};
  if (Code == 2 && Text.starts_with("importing "))
    return {AgentFailure::ImportFailed, Message};
  if (Code == 2 && Text.contains("allowlist"))
    return {AgentFailure::NotAllowed, Message};
  if (Message.empty())
    Message = "exited with status " + std::to_string(Code) + " and no message";
  return {AgentFailure::Failed, Message};
}

/// Closes a file descriptor on scope exit.
struct FdCloser {
  int Fd = -1;
  ~FdCloser() {
    if (Fd >= 0)
      ::close(Fd);
  }
};

} // namespace

// The runtime's own lookup (runtime/src/paths.cpp) is compiled into the plugin:
// "next to this library" is then next to pybridge.so.
AgentRunner::AgentRunner(const PluginOptions &Options)
    : AgentPath(detail::agent_path()), TimeoutSeconds(Options.DescribeTimeoutSeconds) {
  if (!Options.Python.empty()) {
    Python = Options.Python;
    PythonOrigin = "-fplugin-arg-pybridge-python";
  } else if (const char *FromEnv = envOrNull("PYBRIDGE_PYTHON")) {
    Python = FromEnv;
    PythonOrigin = "PYBRIDGE_PYTHON";
  } else {
    Python = detail::default_python();
    PythonOrigin = "the interpreter PyBridge was built with";
  }
}

AgentAnswer AgentRunner::describe(StringRef Path) const {
  int Out[2], Err[2];
  if (::pipe2(Out, O_CLOEXEC) != 0)
    return {{}, AgentFailure{AgentFailure::Failed, std::strerror(errno)}};
  if (::pipe2(Err, O_CLOEXEC) != 0) {
    ::close(Out[0]);
    ::close(Out[1]);
    return {{}, AgentFailure{AgentFailure::Failed, std::strerror(errno)}};
  }
  FdCloser OutRead{Out[0]}, ErrRead{Err[0]};

  posix_spawn_file_actions_t Actions;
  posix_spawn_file_actions_init(&Actions);
  posix_spawn_file_actions_addopen(&Actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&Actions, Out[1], 1);
  posix_spawn_file_actions_adddup2(&Actions, Err[1], 2);
  posix_spawnattr_t Attr;
  posix_spawnattr_init(&Attr);
  // Its own process group: a timeout kills the agent and anything it started.
  posix_spawnattr_setpgroup(&Attr, 0);
  sigset_t Default;
  sigemptyset(&Default);
  sigaddset(&Default, SIGPIPE);
  posix_spawnattr_setsigdefault(&Attr, &Default);
  posix_spawnattr_setflags(&Attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF);

  std::string PathText = Path.str();
  std::vector<const char *> Argv = {
      Python.c_str(),   "-m",   "pybridge_agent", "describe", "--module-hash",
      PathText.c_str(), nullptr};
  std::vector<std::string> Env = agentEnvironment(AgentPath);
  std::vector<const char *> Envp;
  for (const std::string &Entry : Env)
    Envp.push_back(Entry.c_str());
  Envp.push_back(nullptr);

  pid_t Pid = 0;
  int SpawnError =
      ::posix_spawnp(&Pid, Python.c_str(), &Actions, &Attr, const_cast<char *const *>(Argv.data()),
                     const_cast<char *const *>(Envp.data()));
  posix_spawn_file_actions_destroy(&Actions);
  posix_spawnattr_destroy(&Attr);
  ::close(Out[1]);
  ::close(Err[1]);
  if (SpawnError != 0)
    return {{}, AgentFailure{AgentFailure::PythonMissing, std::strerror(SpawnError)}};

  std::string Stdout, Stderr;
  auto Deadline = std::chrono::steady_clock::now() + std::chrono::seconds(TimeoutSeconds);
  bool TimedOut = false;
  pollfd Fds[2] = {{Out[0], POLLIN, 0}, {Err[0], POLLIN, 0}};
  char Buffer[1 << 16];
  while (Fds[0].fd >= 0 || Fds[1].fd >= 0) {
    auto Left = std::chrono::duration_cast<std::chrono::milliseconds>(
        Deadline - std::chrono::steady_clock::now());
    if (Left.count() <= 0) {
      TimedOut = true;
      break;
    }
    int Ready = ::poll(Fds, 2, static_cast<int>(std::min<int64_t>(Left.count(), 1 << 30)));
    if (Ready < 0 && errno == EINTR)
      continue;
    if (Ready < 0)
      break;
    for (unsigned I = 0; I < 2; ++I) {
      if (Fds[I].fd < 0 || !(Fds[I].revents & (POLLIN | POLLHUP | POLLERR)))
        continue;
      ssize_t N = ::read(Fds[I].fd, Buffer, sizeof(Buffer));
      if (N < 0 && errno == EINTR)
        continue;
      if (N <= 0) {
        Fds[I].fd = -1; // end of file; the FdCloser closes it
        continue;
      }
      (I == 0 ? Stdout : Stderr).append(Buffer, static_cast<size_t>(N));
    }
  }
  if (TimedOut)
    ::kill(-Pid, SIGKILL);
  int Status = 0;
  while (::waitpid(Pid, &Status, 0) < 0 && errno == EINTR) {
  }
  if (TimedOut)
    return {{}, AgentFailure{AgentFailure::TimedOut, ""}};
  if (WIFEXITED(Status) && WEXITSTATUS(Status) == 0)
    return {std::move(Stdout), std::nullopt};
  return {{}, classify(Status, Stderr)};
}

} // namespace pybridge
