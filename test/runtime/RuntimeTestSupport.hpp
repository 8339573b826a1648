// Shared by the runtime tests that start real workers: a fixture that gives
// each test a fresh runtime, and probes of processes, descriptors and memory
// through /proc.
#pragma once

#include <pybridge/config.hpp>
#include <pybridge/detail/site_format.hpp>
#include <pybridge/pybridge.hpp>
#include <pybridge/telemetry.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <dirent.h>
#include <fstream>
#include <functional>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <unistd.h>
#include <vector>

namespace pybridge_test {

using namespace std::chrono_literals;

/// The parts of a call site a test sets; the rest stay empty.
struct SiteParts {
  std::vector<std::string> keywords = {};
  std::string module = {}, hash = {};
  pybridge::detail::SitePolicy policy = {};
};

/// A call site as the plugin writes it (pybridge/detail/site_format.hpp).
inline std::string call_site(std::string_view target, const SiteParts &parts = {}) {
  return pybridge::detail::write_site(target, parts.keywords, parts.module, parts.hash,
                                      parts.policy);
}

/// Polls `done` until it holds or `timeout` passes; returns its last answer.
inline bool eventually(const std::function<bool()> &done,
                       std::chrono::milliseconds timeout = 5000ms) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= deadline)
      return done();
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

/// Milliseconds since `start` (a steady_clock time).
inline long ms_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                               start)
      .count();
}

/// A file that tells pybridge_faults.busy_until its test is done with the busy worker: an
/// event, so a busy call lasts exactly as long as the test needs, however loaded the machine.
struct BusyMarker {
  explicit BusyMarker(const std::string &name)
      : path(::testing::TempDir() + "busy-" + name + "-" + std::to_string(::getpid())) {
    std::remove(path.c_str());
  }
  ~BusyMarker() { std::remove(path.c_str()); }
  void set() const { std::ofstream file(path); }
  std::string path;
};

/// Collects log lines (worker output and runtime warnings).
class LogCapture {
public:
  std::function<void(std::string_view)> sink() {
    return [this](std::string_view line) {
      std::lock_guard lock(mutex_);
      lines_.emplace_back(line);
    };
  }
  bool contains(std::string_view text) const {
    std::lock_guard lock(mutex_);
    for (const auto &line : lines_)
      if (line.find(text) != std::string::npos)
        return true;
    return false;
  }
  std::string all() const {
    std::lock_guard lock(mutex_);
    std::string text;
    for (const auto &line : lines_)
      text += line + "\n";
    return text;
  }

private:
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

/// Each test starts with no runtime and the options it configures; the runtime
/// stops after.
class RuntimeTest : public ::testing::Test {
protected:
  void SetUp() override { pybridge::shutdown(); }
  void TearDown() override {
    pybridge::shutdown();
    pybridge::configure(pybridge::Options{});
  }
  /// Starts the runtime with these options (log captured unless the options set
  /// one).
  void start(pybridge::Options options) {
    if (!options.log)
      options.log = log.sink();
    pybridge::configure(std::move(options));
    pybridge::call<long>("pybridge_faults.pid");
    // The first call returns once one worker is ready; tests of several workers want all.
    eventually(
        [] {
          auto stats = pybridge::pool_stats();
          return std::all_of(stats.workers.begin(), stats.workers.end(),
                             [](const auto &worker) { return worker.alive; });
        },
        std::chrono::seconds(60));
  }
  /// The pid of the worker in slot `index` (0 while it restarts).
  static int worker_pid(int index) {
    auto stats = pybridge::pool_stats();
    return index < static_cast<int>(stats.workers.size()) ? stats.workers[index].pid : 0;
  }

  LogCapture log;
};

/// A field of /proc/PID/stat (1-based, as proc(5) numbers them), or empty.
inline std::string stat_field(int pid, int field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  auto close = text.rfind(')'); // the command may hold spaces
  if (close == std::string::npos)
    return {};
  std::istringstream rest(text.substr(close + 2));
  std::string value;
  for (int i = 3; i <= field && rest >> value; ++i) {
  }
  return value;
}

/// The value after `flag` on a process's command line.
inline std::string argument_after(int pid, std::string_view flag) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/cmdline");
  std::vector<std::string> args;
  for (std::string arg; std::getline(in, arg, '\0');)
    args.push_back(arg);
  for (std::size_t i = 0; i + 1 < args.size(); ++i)
    if (args[i] == flag)
      return args[i + 1];
  return {};
}

/// The private socket directory of a local worker.
inline std::string socket_dir_of(int worker_pid) {
  std::string fast_lane = argument_after(worker_pid, "--fast-lane");
  return fast_lane.substr(0, fast_lane.rfind('/'));
}

/// True while the process exists and is not a zombie.
inline bool process_running(int pid) {
  std::string state = stat_field(pid, 3);
  return !state.empty() && state != "Z" && state != "X";
}

/// True once every thread of the process has exited (a zombie leader may wait
/// for the others; only then are its files, sockets included, closed).
inline bool fully_exited(int pid) {
  if (process_running(pid))
    return false;
  std::string tasks = "/proc/" + std::to_string(pid) + "/task";
  DIR *dir = ::opendir(tasks.c_str());
  if (!dir)
    return true;
  int threads = 0;
  while (dirent *entry = ::readdir(dir))
    threads += entry->d_name[0] != '.';
  ::closedir(dir);
  return threads <= 1;
}

/// Live processes (not zombies) matching `keep(pid)`.
inline std::vector<int> processes_where(const std::function<bool(int pid)> &keep) {
  std::vector<int> found;
  DIR *proc = ::opendir("/proc");
  if (!proc)
    return found;
  while (dirent *entry = ::readdir(proc)) {
    int pid = std::atoi(entry->d_name);
    if (pid > 0 && process_running(pid) && keep(pid))
      found.push_back(pid);
  }
  ::closedir(proc);
  return found;
}

/// Live processes in process group `pgid`.
inline std::vector<int> group_members(int pgid) {
  return processes_where([pgid](int pid) { return stat_field(pid, 5) == std::to_string(pgid); });
}

/// Live children of this process.
inline std::size_t child_count() {
  std::string self = std::to_string(::getpid());
  return processes_where([&](int pid) { return stat_field(pid, 4) == self; }).size();
}

inline std::size_t open_fds() {
  std::size_t count = 0;
  if (DIR *fds = ::opendir("/proc/self/fd")) {
    while (::readdir(fds))
      ++count;
    ::closedir(fds);
  }
  return count;
}

/// The number of open descriptors once it is at most `limit`, waiting up to 2 s: the pool's
/// own threads open files for a moment (a heartbeat reads /proc), so a single count may
/// catch one in use.
inline std::size_t open_fds_settled(std::size_t limit) {
  std::size_t count = open_fds();
  for (int i = 0; i < 200 && count > limit; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    count = open_fds();
  }
  return count;
}

/// Open descriptors of a process.
inline std::size_t fds_of(int pid) {
  std::size_t count = 0;
  if (DIR *fds = ::opendir(("/proc/" + std::to_string(pid) + "/fd").c_str())) {
    while (dirent *entry = ::readdir(fds))
      count += entry->d_name[0] != '.';
    ::closedir(fds);
  }
  return count;
}

/// The mappings of a process, and those of them that are shared-memory segments (memfds).
struct Mappings {
  std::size_t all = 0, segments = 0;
  bool operator==(const Mappings &) const = default;
  friend std::ostream &operator<<(std::ostream &out, const Mappings &maps) {
    return out << maps.all << " mappings (" << maps.segments << " segments)";
  }
};

inline Mappings mappings_of(int pid) {
  Mappings found;
  std::ifstream in("/proc/" + std::to_string(pid) + "/maps");
  for (std::string line; std::getline(in, line);) {
    ++found.all;
    found.segments += line.find("/memfd:") != std::string::npos;
  }
  return found;
}

/// Resident memory of a process in KiB (VmRSS).
inline long rss_kib(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmRSS:", 0) == 0)
      return std::atol(line.c_str() + 6);
  return -1;
}

/// Sets an environment variable for the test's duration.
class ScopedEnv {
public:
  ScopedEnv(const char *name, const std::string &value) : name_(name) {
    if (const char *old = std::getenv(name))
      previous_ = old;
    ::setenv(name, value.c_str(), 1);
  }
  ~ScopedEnv() {
    if (previous_)
      ::setenv(name_, previous_->c_str(), 1);
    else
      ::unsetenv(name_);
  }

private:
  const char *name_;
  std::optional<std::string> previous_;
};

} // namespace pybridge_test
