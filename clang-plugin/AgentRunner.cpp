//===- AgentRunner.cpp - runs the agent's `describe` -------------------------===//
#include "AgentRunner.h"

#include "launch.hpp"
#include "paths.hpp"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace llvm;

namespace pybridge {

namespace {

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

std::string stringField(const json::Object &Error, StringRef Name) {
  return Error.getString(Name).value_or("").str();
}

/// The agent's own report of a describe failure (`{"describe_error": {"kind":
/// ..., fields}}` on stdout), if it printed one.
std::optional<AgentFailure> reportedFailure(StringRef Stdout) {
  Expected<json::Value> Answer = json::parse(Stdout.trim());
  if (!Answer) {
    consumeError(Answer.takeError());
    return std::nullopt;
  }
  const json::Object *Root = Answer->getAsObject();
  const json::Object *Error = Root ? Root->getObject("describe_error") : nullptr;
  if (!Error)
    return std::nullopt;
  // A kind this plugin does not know (a newer agent's) is reported by its
  // message.
  AgentFailure::Kind Kind = StringSwitch<AgentFailure::Kind>(Error->getString("kind").value_or(""))
                                .Case("module_not_found", AgentFailure::ModuleNotFound)
                                .Case("import_failed", AgentFailure::ImportFailed)
                                .Case("not_allowed", AgentFailure::NotAllowed)
                                .Case("name_refused", AgentFailure::NameRefused)
                                .Default(AgentFailure::Failed);
  AgentFailure F = AgentFailure::of(Kind, stringField(*Error, "message"));
  F.Module = stringField(*Error, "module");
  F.Exception = stringField(*Error, "exception");
  F.Detail = stringField(*Error, "detail");
  F.Name = stringField(*Error, "name");
  F.Reason = stringField(*Error, "reason");
  if (const json::Array *Near = Error->getArray("close_names"))
    for (const json::Value &Name : *Near)
      if (std::optional<StringRef> Text = Name.getAsString())
        F.CloseNames.push_back(Text->str());
  return F;
}

AgentFailure classify(int Status, StringRef Stdout, StringRef Stderr) {
  if (WIFSIGNALED(Status))
    return AgentFailure::of(AgentFailure::Failed, ("killed by signal " + Twine(WTERMSIG(Status)) +
                                                   " (" + strsignal(WTERMSIG(Status)) + ")")
                                                      .str());
  int Code = WIFEXITED(Status) ? WEXITSTATUS(Status) : -1;
  if (std::optional<AgentFailure> Reported = reportedFailure(Stdout))
    return *Reported;
  // The launcher script is not there, or the package beside it is not.
  if (Stderr.contains("pybridge_agent_main.py': [Errno") ||
      Stderr.contains("No module named 'pybridge_agent'"))
    return AgentFailure::of(AgentFailure::AgentMissing, agentMessage(Stderr));
  if (Code == 127)
    return AgentFailure::of(AgentFailure::PythonMissing, agentMessage(Stderr));
  std::string Message = agentMessage(Stderr);
  if (Message.empty())
    Message = "exited with status " + std::to_string(Code) + " and no message";
  return AgentFailure::of(AgentFailure::Failed, Message);
}

/// Closes a file descriptor on scope exit.
struct FdCloser {
  int Fd = -1;
  ~FdCloser() {
    if (Fd >= 0)
      ::close(Fd);
  }
};

/// A descriptor that polls readable once process `Pid` exits (Linux 5.3+), or
/// -1: the caller then checks every few milliseconds.
int openPidFd(pid_t Pid) {
#ifdef SYS_pidfd_open
  return static_cast<int>(::syscall(SYS_pidfd_open, Pid, 0));
#else
  (void)Pid;
  return -1;
#endif
}

/// Whether our child `Pid` has exited. It is not reaped, so its process group
/// cannot be reused until we kill what is left of it.
bool hasExited(pid_t Pid) {
  siginfo_t Info;
  std::memset(&Info, 0, sizeof(Info));
  while (::waitid(P_PID, static_cast<id_t>(Pid), &Info, WEXITED | WNOHANG | WNOWAIT) != 0)
    if (errno != EINTR)
      return true; // not waitable: there is nothing left to wait for
  return Info.si_pid == Pid;
}

/// Appends what `Fd` has to read now to `Into`; false at end of file or error.
bool readAvailable(int Fd, std::string &Into) {
  char Buffer[1 << 16];
  ssize_t N = ::read(Fd, Buffer, sizeof(Buffer));
  while (N < 0 && errno == EINTR)
    N = ::read(Fd, Buffer, sizeof(Buffer));
  if (N <= 0)
    return false;
  Into.append(Buffer, static_cast<size_t>(N));
  return true;
}

} // namespace

/// One run of the agent: how it ended and what it wrote.
struct AgentRunner::Run {
  std::optional<AgentFailure> Failure; // could not start, or timed out
  int Status = 0;
  std::string Stdout, Stderr;
};

// The runtime's own lookup and launch (runtime/src/launch.cpp) are compiled into the
// plugin: "next to this library" is then next to pybridge.so, and the agent starts as the
// workers do.
AgentRunner::AgentRunner(const PluginOptions &Options)
    : AgentPath(detail::agent_path()),
      UserPythonPath(detail::absolute_search_path(std::getenv("PYTHONPATH"))),
      StubPath(detail::absolute_search_path(std::getenv("PYBRIDGE_STUB_PATH"))),
      TimeoutSeconds(Options.DescribeTimeoutSeconds) {
  detail::Interpreter Chosen =
      detail::choose_python(Options.Python, "-fplugin-arg-pybridge-python");
  Python = std::move(Chosen.path);
  PythonOrigin = std::move(Chosen.origin);
}

AgentAnswer AgentRunner::describe(StringRef Path) const {
  Run Done = run(Path);
  if (Done.Failure)
    return {{}, std::move(Done.Failure)};
  if (WIFEXITED(Done.Status) && WEXITSTATUS(Done.Status) == 0)
    return {std::move(Done.Stdout), std::nullopt};
  return {{}, classify(Done.Status, Done.Stdout, Done.Stderr)};
}

namespace {

/// Starts Command in a process group of its own (what it starts is killed with
/// it), reading /dev/null, writing into OutWrite and ErrWrite. Returns 0, or the
/// errno of the failure.
int spawnInOwnGroup(detail::AgentCommand &Command, const std::string &Python, int OutWrite,
                    int ErrWrite, pid_t &Pid) {
  posix_spawn_file_actions_t Actions;
  posix_spawn_file_actions_init(&Actions);
  posix_spawn_file_actions_addopen(&Actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&Actions, OutWrite, 1);
  posix_spawn_file_actions_adddup2(&Actions, ErrWrite, 2);
  posix_spawnattr_t Attr;
  posix_spawnattr_init(&Attr);
  posix_spawnattr_setpgroup(&Attr, 0);
  sigset_t Default;
  sigemptyset(&Default);
  sigaddset(&Default, SIGPIPE);
  posix_spawnattr_setsigdefault(&Attr, &Default);
  posix_spawnattr_setflags(&Attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF);

  std::vector<char *> Argv, Envp;
  for (std::string &Arg : Command.argv)
    Argv.push_back(Arg.data());
  Argv.push_back(nullptr);
  for (std::string &Entry : Command.env)
    Envp.push_back(Entry.data());
  Envp.push_back(nullptr);

  int Error = ::posix_spawnp(&Pid, Python.c_str(), &Actions, &Attr, Argv.data(), Envp.data());
  posix_spawn_file_actions_destroy(&Actions);
  posix_spawnattr_destroy(&Attr);
  return Error;
}

/// Reads both pipes into Stdout and Stderr until the process Pid exits (a
/// process it started may hold them open long after it is done), then kills its
/// group. Returns false when Deadline passed first.
bool readUntilExit(pid_t Pid, int OutRead, int ErrRead,
                   std::chrono::steady_clock::time_point Deadline, std::string &Stdout,
                   std::string &Stderr) {
  FdCloser PidFd{openPidFd(Pid)};
  pollfd Fds[3] = {{OutRead, POLLIN, 0}, {ErrRead, POLLIN, 0}, {PidFd.Fd, POLLIN, 0}};
  std::string *Into[2] = {&Stdout, &Stderr};
  bool TimedOut = false;
  while (!hasExited(Pid)) {
    auto Left = std::chrono::duration_cast<std::chrono::milliseconds>(
        Deadline - std::chrono::steady_clock::now());
    if (Left.count() <= 0) {
      TimedOut = true;
      break;
    }
    int64_t Wait = PidFd.Fd >= 0 ? Left.count() : std::min<int64_t>(Left.count(), 20);
    int Ready = ::poll(Fds, 3, static_cast<int>(std::min<int64_t>(Wait, 1 << 30)));
    if (Ready < 0 && errno != EINTR)
      break;
    for (unsigned I = 0; Ready > 0 && I < 2; ++I)
      if (Fds[I].fd >= 0 && (Fds[I].revents & (POLLIN | POLLHUP | POLLERR)) &&
          !readAvailable(Fds[I].fd, *Into[I]))
        Fds[I].fd = -1; // end of file; the caller closes it
  }
  // Done (or out of time): nothing it started outlives it. Then take what is
  // left in the pipes; every writer is gone, or not ours to wait for.
  ::kill(-Pid, SIGKILL);
  for (unsigned I = 0; I < 2 && !TimedOut; ++I) {
    pollfd Fd = {Fds[I].fd, POLLIN, 0};
    while (Fd.fd >= 0 && ::poll(&Fd, 1, 0) > 0 && readAvailable(Fd.fd, *Into[I]))
      if (std::chrono::steady_clock::now() > Deadline)
        break;
  }
  return !TimedOut;
}

} // namespace

AgentRunner::Run AgentRunner::run(StringRef Path) const {
  Run Result;
  int Out[2], Err[2];
  if (::pipe2(Out, O_CLOEXEC) != 0) {
    Result.Failure = AgentFailure::of(AgentFailure::Failed, std::strerror(errno));
    return Result;
  }
  if (::pipe2(Err, O_CLOEXEC) != 0) {
    Result.Failure = AgentFailure::of(AgentFailure::Failed, std::strerror(errno));
    ::close(Out[0]);
    ::close(Out[1]);
    return Result;
  }
  FdCloser OutRead{Out[0]}, ErrRead{Err[0]};

  detail::AgentCommand Command =
      detail::agent_command(Python, {"describe", "--module-hash", Path.str()});
  pid_t Pid = 0;
  int SpawnError = spawnInOwnGroup(Command, Python, Out[1], Err[1], Pid);
  ::close(Out[1]);
  ::close(Err[1]);
  if (SpawnError != 0) {
    Result.Failure = AgentFailure::of(AgentFailure::PythonMissing, std::strerror(SpawnError));
    return Result;
  }

  auto Deadline = std::chrono::steady_clock::now() + std::chrono::seconds(TimeoutSeconds);
  bool InTime = readUntilExit(Pid, Out[0], Err[0], Deadline, Result.Stdout, Result.Stderr);
  while (::waitpid(Pid, &Result.Status, 0) < 0 && errno == EINTR) {
  }
  if (!InTime)
    Result.Failure = AgentFailure::of(AgentFailure::TimedOut);
  return Result;
}

} // namespace pybridge
