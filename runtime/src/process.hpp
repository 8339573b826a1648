// A child process running a Python worker, tied to this process's life.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <sys/types.h>
#include <thread>
#include <vector>

namespace pybridge::detail {

using LogSink = std::function<void(std::string_view line)>;

struct LaunchSpec {
  std::vector<std::string> argv; // argv[0] is the executable path
  std::vector<std::string> env;  // NAME=value: the child's whole environment
  std::string log_prefix;        // prefixed to every output line
  /// Called once on the output thread when the child's output ends (it exited,
  /// normally).
  std::function<void()> on_output_end;
};

/// Spawns the program with a readiness pipe (fd 3) and a lifeline pipe (fd 4,
/// read end): the child exits when the lifeline reads end-of-file, which
/// happens however this process ends. Its stdout and stderr are read by a
/// thread and forwarded to the log, line by line.
class ChildProcess {
public:
  ChildProcess(const LaunchSpec &spec, LogSink log);
  ~ChildProcess();
  ChildProcess(const ChildProcess &) = delete;
  ChildProcess &operator=(const ChildProcess &) = delete;

  pid_t pid() const noexcept { return pid_; }

  /// Waits for the child's "ready" line; throws SetupError (with its last
  /// output) if it exits or stays silent past the timeout.
  void wait_ready(std::chrono::milliseconds timeout);

  /// Sends a signal (no effect once reaped).
  void signal(int signo) noexcept;
  /// Kills the child's whole process group (it leads one): the child and what
  /// it started. Only until the child is reaped (reaping kills the group).
  void kill_group() noexcept;
  /// True while the child has not exited (reaps it when it has, killing what
  /// it left in its group).
  bool running() noexcept;
  /// Closes the lifeline, waits up to `grace` for the child to exit, then kills
  /// it; reaps.
  void stop(std::chrono::milliseconds grace) noexcept;
  /// What ended the child, for error messages: "exited with status 1", "was
  /// killed by signal 11 (SIGSEGV: a segmentation fault in native code)".
  std::string exit_description();
  /// The last lines the child printed (for error messages).
  std::string recent_output();
  /// Waits up to `timeout` for the child to exit and then for the end of its output, so that
  /// what it printed while dying (faulthandler's report) is in recent_output(); false when
  /// either did not happen in time.
  bool wait_exit_and_output(std::chrono::milliseconds timeout);

private:
  void forward_output();
  /// Stops the output thread once the child is gone (never waits for the end
  /// of output, which a grandchild may hold off).
  void finish_output() noexcept;
  bool reap(int options) noexcept;

  pid_t pid_ = -1;
  int ready_fd_ = -1;
  int lifeline_fd_ = -1;
  int output_fd_ = -1;
  int wake_fd_ = -1; // an eventfd: tells the output thread to finish
  int status_ = 0;
  bool reaped_ = false;
  std::optional<std::uint64_t> oom_kills_at_start_; // its memory cgroup's (oom.hpp)
  std::mutex mutex_;
  std::deque<std::string> recent_;
  std::thread output_thread_;
  LogSink log_;
  std::string log_prefix_;
  std::function<void()> on_output_end_;
  bool output_ended_ = false; // under mutex_
  std::condition_variable output_ended_changed_;
};

} // namespace pybridge::detail
