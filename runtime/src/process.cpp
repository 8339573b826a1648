#include "process.hpp"

#include <pybridge/errors.hpp>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace pybridge::detail {

namespace {
constexpr int kReadyFd = 3;
constexpr int kLifelineFd = 4;
constexpr std::size_t kRecentLines = 30;

struct Pipe {
  int read = -1, write = -1;
  Pipe() {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
      throw SetupError(std::string("cannot create a pipe: ") + std::strerror(errno));
    read = fds[0];
    write = fds[1];
  }
};

void close_fd(int &fd) noexcept {
  if (fd >= 0)
    ::close(fd);
  fd = -1;
}

std::vector<std::string> environment_with(const std::vector<std::string> &extra) {
  std::vector<std::string> env(extra);
  for (char **entry = environ; *entry != nullptr; ++entry) {
    std::string_view text(*entry);
    std::string_view name = text.substr(0, text.find('='));
    bool overridden = false;
    for (const auto &e : extra)
      if (e.compare(0, name.size() + 1, std::string(name) + "=") == 0)
        overridden = true;
    if (!overridden)
      env.emplace_back(text);
  }
  return env;
}

std::vector<char *> pointers(std::vector<std::string> &strings) {
  std::vector<char *> result;
  for (auto &s : strings)
    result.push_back(s.data());
  result.push_back(nullptr);
  return result;
}
} // namespace

ChildProcess::ChildProcess(const LaunchSpec &spec, LogSink log)
    : log_(std::move(log)), log_prefix_(spec.log_prefix), on_output_end_(spec.on_output_end) {
  Pipe ready, lifeline, output;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  // dup2 onto the same number keeps O_CLOEXEC; glibc clears it for fildes ==
  // newfildes.
  posix_spawn_file_actions_adddup2(&actions, ready.write, kReadyFd);
  posix_spawn_file_actions_adddup2(&actions, lifeline.read, kLifelineFd);
  posix_spawn_file_actions_adddup2(&actions, output.write, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, output.write, STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);

  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attributes, &none);
  posix_spawnattr_setsigdefault(&attributes, &all);
  // Its own process group: a terminal's Ctrl-C reaches the host, which then
  // stops its workers.
  posix_spawnattr_setpgroup(&attributes, 0);
  posix_spawnattr_setflags(&attributes,
                           POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP);

  std::vector<std::string> argv(spec.argv);
  std::vector<std::string> env = environment_with(spec.extra_env);
  auto argv_ptrs = pointers(argv);
  auto env_ptrs = pointers(env);
  int rc = ::posix_spawn(&pid_, argv[0].c_str(), &actions, &attributes, argv_ptrs.data(),
                         env_ptrs.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);

  ::close(ready.write);
  ::close(lifeline.read);
  ::close(output.write);
  ready_fd_ = ready.read;
  lifeline_fd_ = lifeline.write;
  output_fd_ = output.read;
  if (rc != 0) {
    pid_ = -1;
    close_fd(ready_fd_);
    close_fd(lifeline_fd_);
    close_fd(output_fd_);
    throw SetupError("cannot start " + argv[0] + ": " + std::strerror(rc) +
                     " (set PYBRIDGE_PYTHON to a Python 3 interpreter)");
  }
  output_thread_ = std::thread([this] { forward_output(); });
}

ChildProcess::~ChildProcess() {
  stop(std::chrono::milliseconds(2000));
  if (output_thread_.joinable())
    output_thread_.join();
  close_fd(output_fd_);
  close_fd(ready_fd_);
}

void ChildProcess::wait_ready(std::chrono::milliseconds timeout) {
  std::string received;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (received.find('\n') == std::string::npos) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd pfd{ready_fd_, POLLIN, 0};
    int n = left.count() > 0 ? ::poll(&pfd, 1, static_cast<int>(left.count())) : 0;
    if (n < 0 && errno == EINTR)
      continue;
    if (n == 0) {
      signal(SIGKILL);
      throw SetupError("the Python worker did not start within " + std::to_string(timeout.count()) +
                       " ms" + recent_output());
    }
    char buffer[64];
    ssize_t got = ::read(ready_fd_, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR)
      continue;
    if (got <= 0) {
      // Give the output thread a moment to collect the reason the worker died.
      for (int i = 0; i < 50 && running(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      if (output_thread_.joinable())
        output_thread_.join();
      throw SetupError("the Python worker failed to start (" + exit_description() + ")" +
                       recent_output());
    }
    received.append(buffer, static_cast<std::size_t>(got));
  }
  close_fd(ready_fd_);
}

void ChildProcess::signal(int signo) noexcept {
  std::lock_guard lock(mutex_);
  if (pid_ > 0 && !reaped_)
    ::kill(pid_, signo);
}

void ChildProcess::kill_group() noexcept {
  std::lock_guard lock(mutex_);
  // The group outlives a reaped leader while its members run; the id is not
  // reused until then.
  if (pid_ > 0)
    ::kill(-pid_, SIGKILL);
}

bool ChildProcess::reap(int options) noexcept {
  std::lock_guard lock(mutex_);
  if (pid_ <= 0 || reaped_)
    return true;
  int status = 0;
  pid_t got = ::waitpid(pid_, &status, options);
  if (got == pid_ || (got < 0 && errno == ECHILD)) {
    status_ = status;
    reaped_ = true;
  }
  return reaped_;
}

bool ChildProcess::running() noexcept { return !reap(WNOHANG); }

void ChildProcess::stop(std::chrono::milliseconds grace) noexcept {
  close_fd(lifeline_fd_);
  auto deadline = std::chrono::steady_clock::now() + grace;
  while (!reap(WNOHANG)) {
    if (std::chrono::steady_clock::now() >= deadline) {
      signal(SIGKILL);
      reap(0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  kill_group(); // what the worker started and left behind
}

namespace {
/// Why a signal usually ends a Python worker, so a crash reads as what it
/// probably was.
const char *signal_cause(int signo) {
  switch (signo) {
  case SIGSEGV:
    return ": a segmentation fault in native code";
  case SIGBUS:
    return ": a bus error in native code";
  case SIGFPE:
    return ": an arithmetic fault in native code";
  case SIGILL:
    return ": an illegal instruction in native code";
  case SIGABRT:
    return ": aborted (os.abort() or a failed C assertion)";
  case SIGKILL:
    return ": killed, by another process or the out-of-memory killer";
  case SIGTERM:
    return ": terminated by another process";
  default:
    return "";
  }
}
} // namespace

std::string ChildProcess::exit_description() {
  std::lock_guard lock(mutex_);
  if (!reaped_)
    return "is still running";
  if (WIFEXITED(status_))
    return "exited with status " + std::to_string(WEXITSTATUS(status_));
  if (WIFSIGNALED(status_)) {
    int signo = WTERMSIG(status_);
    const char *name = sigabbrev_np(signo);
    return "was killed by signal " + std::to_string(signo) +
           (name ? std::string(" (SIG") + name + signal_cause(signo) + ")" : std::string());
  }
  return "ended";
}

std::string ChildProcess::recent_output() {
  std::lock_guard lock(mutex_);
  if (recent_.empty())
    return "";
  std::string text = "; its last output:";
  for (const auto &line : recent_)
    text += "\n  " + line;
  return text;
}

void ChildProcess::forward_output() {
  std::string pending;
  char buffer[4096];
  auto emit = [this](std::string line) {
    if (log_)
      log_(log_prefix_ + line);
    std::lock_guard lock(mutex_);
    recent_.push_back(std::move(line));
    if (recent_.size() > kRecentLines)
      recent_.pop_front();
  };
  for (;;) {
    ssize_t got = ::read(output_fd_, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR)
      continue;
    if (got <= 0)
      break;
    pending.append(buffer, static_cast<std::size_t>(got));
    for (auto newline = pending.find('\n'); newline != std::string::npos;
         newline = pending.find('\n')) {
      emit(pending.substr(0, newline));
      pending.erase(0, newline + 1);
    }
  }
  if (!pending.empty())
    emit(pending);
  if (on_output_end_)
    on_output_end_();
}

} // namespace pybridge::detail
