#include "process.hpp"

#include "oom.hpp"

#include <pybridge/errors.hpp>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <future>
#include <optional>
#include <poll.h>
#include <spawn.h>
#include <sys/eventfd.h>
#include <sys/wait.h>
#include <unistd.h>

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

std::vector<char *> pointers(std::vector<std::string> &strings) {
  std::vector<char *> result;
  for (auto &s : strings)
    result.push_back(s.data());
  result.push_back(nullptr);
  return result;
}

/// Runs spawns on one thread that lives as long as the process. A worker asks the kernel
/// for SIGKILL when its parent dies (PR_SET_PDEATHSIG), and the kernel sends it when the
/// *thread* that spawned it ends: the threads calls come from (and the pool's restarts) may
/// end long before the host does.
class Spawner {
public:
  static int run(const std::function<int()> &spawn) {
    std::packaged_task<int()> job(spawn);
    std::future<int> done = job.get_future();
    State &state = current();
    {
      std::lock_guard lock(state.mutex);
      state.jobs.push_back(std::move(job));
    }
    state.wake.notify_one();
    return done.get();
  }

private:
  struct State {
    pid_t owner = ::getpid();
    std::mutex mutex;
    std::condition_variable wake;
    std::deque<std::packaged_task<int()>> jobs;
  };

  /// This process's spawner. A forked child has none of its parent's threads: it starts
  /// its own (and never touches the parent's state, which may have been locked at fork).
  /// The state is never freed: the thread waits on it until the process ends.
  static State &current() {
    static std::atomic<State *> state{nullptr};
    static std::mutex starting;
    State *now = state.load();
    if (now && now->owner == ::getpid())
      return *now;
    std::lock_guard lock(starting);
    now = state.load();
    if (now && now->owner == ::getpid())
      return *now;
    now = new State;
    std::thread([now] { serve(*now); }).detach();
    state.store(now);
    return *now;
  }

  [[noreturn]] static void serve(State &state) {
    for (;;) {
      std::unique_lock lock(state.mutex);
      state.wake.wait(lock, [&] { return !state.jobs.empty(); });
      std::packaged_task<int()> job = std::move(state.jobs.front());
      state.jobs.pop_front();
      lock.unlock();
      job();
    }
  }
};
} // namespace

ChildProcess::ChildProcess(const LaunchSpec &spec, LogSink log)
    : log_(std::move(log)), log_prefix_(spec.log_prefix), on_output_end_(spec.on_output_end) {
  wake_fd_ = ::eventfd(0, EFD_CLOEXEC);
  if (wake_fd_ < 0)
    throw SetupError(std::string("cannot create an eventfd: ") + std::strerror(errno));
  std::optional<Pipe> ready, lifeline, output;
  try {
    ready.emplace();
    lifeline.emplace();
    output.emplace();
  } catch (...) {
    for (auto *pipe : {&ready, &lifeline, &output})
      if (*pipe) {
        ::close((*pipe)->read);
        ::close((*pipe)->write);
      }
    close_fd(wake_fd_);
    throw;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  // dup2 onto the same number keeps O_CLOEXEC; glibc clears it for fildes ==
  // newfildes.
  posix_spawn_file_actions_adddup2(&actions, ready->write, kReadyFd);
  posix_spawn_file_actions_adddup2(&actions, lifeline->read, kLifelineFd);
  posix_spawn_file_actions_adddup2(&actions, output->write, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, output->write, STDERR_FILENO);
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
  std::vector<std::string> env(spec.env);
  auto argv_ptrs = pointers(argv);
  auto env_ptrs = pointers(env);
  // The child starts in this process's memory cgroup: its OOM kills so far.
  oom_kills_at_start_ = cgroup_oom_kills(::getpid());
  // posix_spawnp: a name without a slash ("python3") is looked up in PATH.
  int rc = Spawner::run([&] {
    return ::posix_spawnp(&pid_, argv[0].c_str(), &actions, &attributes, argv_ptrs.data(),
                          env_ptrs.data());
  });
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);

  ::close(ready->write);
  ::close(lifeline->read);
  ::close(output->write);
  ready_fd_ = ready->read;
  lifeline_fd_ = lifeline->write;
  output_fd_ = output->read;
  if (rc != 0) {
    pid_ = -1;
    close_fd(ready_fd_);
    close_fd(lifeline_fd_);
    close_fd(output_fd_);
    close_fd(wake_fd_);
    throw SetupError("cannot start " + argv[0] + ": " + std::strerror(rc) +
                     " (set PYBRIDGE_PYTHON to a Python 3 interpreter)");
  }
  output_thread_ = std::thread([this] { forward_output(); });
}

ChildProcess::~ChildProcess() {
  stop(std::chrono::milliseconds(2000));
  finish_output();
  close_fd(output_fd_);
  close_fd(ready_fd_);
  close_fd(wake_fd_);
}

void ChildProcess::finish_output() noexcept {
  if (!output_thread_.joinable())
    return;
  // The output may never end: a process the worker started in its own session
  // can hold the pipe open for long. What the worker wrote is in the pipe; the
  // thread reads that and stops.
  std::uint64_t one = 1;
  while (::write(wake_fd_, &one, sizeof one) < 0 && errno == EINTR) {
  }
  output_thread_.join();
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
      finish_output();
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
  // Only before the leader is reaped: until then its pid, the group's id,
  // cannot be reused. reap() kills the group itself.
  if (pid_ > 0 && !reaped_)
    ::kill(-pid_, SIGKILL);
}

bool ChildProcess::reap(int options) noexcept {
  std::lock_guard lock(mutex_);
  if (pid_ <= 0 || reaped_)
    return true;
  // Wait without reaping first: the exited leader, a zombie, keeps the group's
  // id from being reused while what it left running in its group is killed.
  siginfo_t info{};
  int rc;
  do
    rc = ::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOWAIT | options);
  while (rc < 0 && errno == EINTR);
  if (rc < 0) { // reaped elsewhere (SIGCHLD ignored): its id may be reused, kill nothing
    reaped_ = true;
    return true;
  }
  if (info.si_pid == 0)
    return false; // still running (WNOHANG)
  ::kill(-pid_, SIGKILL);
  int status = 0;
  if (::waitpid(pid_, &status, 0) == pid_)
    status_ = status;
  reaped_ = true;
  return true;
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
  // Reaping killed what the worker started and left behind in its group.
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
    return ": killed by another process, or possibly the out-of-memory killer";
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
    if (signo == SIGKILL && oom_kills_at_start_) {
      auto now = cgroup_oom_kills(::getpid()); // the worker is in this process's cgroup
      if (now && *now > *oom_kills_at_start_)
        return "was killed by signal 9 (SIGKILL: most likely by the out-of-memory killer, "
               "which killed a process of its memory cgroup meanwhile)";
    }
    const char *name = sigabbrev_np(signo);
    return "was killed by signal " + std::to_string(signo) +
           (name ? std::string(" (SIG") + name + signal_cause(signo) + ")" : std::string());
  }
  return "ended";
}

bool ChildProcess::wait_exit_and_output(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (running()) {
    if (std::chrono::steady_clock::now() >= deadline)
      return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  std::unique_lock lock(mutex_);
  return output_ended_changed_.wait_until(lock, deadline, [this] { return output_ended_; });
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
  bool draining = false; // finish_output(): read what is there, then stop
  for (;;) {
    if (!draining) {
      pollfd fds[2] = {{output_fd_, POLLIN, 0}, {wake_fd_, POLLIN, 0}};
      if (::poll(fds, 2, -1) < 0) {
        if (errno == EINTR)
          continue;
        break;
      }
      if (fds[1].revents != 0) {
        draining = true;
        ::fcntl(output_fd_, F_SETFL, ::fcntl(output_fd_, F_GETFL) | O_NONBLOCK);
      }
    }
    ssize_t got = ::read(output_fd_, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR)
      continue;
    if (got <= 0)
      break; // end of output, or (draining) nothing more buffered
    pending.append(buffer, static_cast<std::size_t>(got));
    for (auto newline = pending.find('\n'); newline != std::string::npos;
         newline = pending.find('\n')) {
      emit(pending.substr(0, newline));
      pending.erase(0, newline + 1);
    }
  }
  if (!pending.empty())
    emit(pending);
  {
    std::lock_guard lock(mutex_);
    output_ended_ = true;
  }
  output_ended_changed_.notify_all();
  if (on_output_end_)
    on_output_end_();
}

} // namespace pybridge::detail
