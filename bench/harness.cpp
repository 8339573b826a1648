#include "harness.hpp"

#include "process.hpp" // the runtime's worker launcher, reused for the helper servers

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <numeric>
#include <pthread.h>
#include <sched.h>
#include <spawn.h>
#include <sstream>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char **environ;

namespace bench {

namespace {
double percentile(std::vector<double> sorted, double fraction) {
  if (sorted.empty())
    return 0;
  auto index = static_cast<std::size_t>(fraction * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(index, sorted.size() - 1)];
}

double cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval &t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

/// CPU seconds of process `pid` (user + system), 0 when it is gone.
double process_cpu_seconds(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), {});
  auto end_of_name = text.rfind(')'); // the command name may hold spaces
  if (end_of_name == std::string::npos)
    return 0;
  std::istringstream fields(text.substr(end_of_name + 2));
  std::string field;
  double ticks = 0;
  for (int index = 3; fields >> field && index <= 15; ++index)
    if (index == 14 || index == 15)
      ticks += std::stod(field); // utime, stime
  return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

/// Busy CPU seconds of the whole machine (every state but idle and iowait).
double machine_busy_seconds() {
  std::ifstream stat("/proc/stat");
  std::string cpu;
  stat >> cpu;
  double busy = 0, value;
  for (int index = 0; index < 8 && stat >> value; ++index)
    if (index != 3 && index != 4)
      busy += value; // idle, iowait
  return busy / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

/// CPU seconds used so far by this process and `helpers`.
double our_cpu_seconds(const std::vector<int> &helpers) {
  double total = cpu_seconds();
  for (int pid : helpers)
    total += process_cpu_seconds(pid);
  return total;
}

std::string first_line_of(const std::string &command) {
  std::string line;
  if (FILE *pipe = ::popen(command.c_str(), "r")) {
    char buffer[256];
    if (std::fgets(buffer, sizeof buffer, pipe))
      line = buffer;
    ::pclose(pipe);
  }
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
    line.pop_back();
  return line;
}
} // namespace

Latency Probe::summary() const {
  Latency latency;
  if (samples_us.empty())
    return latency;
  std::vector<double> sorted(samples_us);
  std::sort(sorted.begin(), sorted.end());
  latency.p50_us = percentile(sorted, 0.50);
  latency.p99_us = percentile(sorted, 0.99);
  latency.mean_us = std::accumulate(sorted.begin(), sorted.end(), 0.0) / sorted.size();
  latency.samples = sorted.size();
  return latency;
}

void run_interleaved(std::vector<Probe> &probes, int rounds, int per_round) {
  for (int round = -1; round < rounds; ++round) { // round -1 warms up and is not kept
    for (auto &probe : probes) {
      for (int i = 0; i < per_round; ++i) {
        auto start = Clock::now();
        probe.once();
        auto stop = Clock::now();
        if (round >= 0)
          probe.samples_us.push_back(
              std::chrono::duration<double, std::micro>(stop - start).count());
      }
    }
  }
}

Throughput run_concurrently(int threads, double seconds, const std::function<void()> &op,
                            const std::vector<int> &helpers) {
  enum Phase { WarmUp, Measure, Stop };
  std::atomic<int> phase{WarmUp};
  std::atomic<long> calls{0};
  std::vector<std::thread> callers;
  for (int t = 0; t < threads; ++t)
    callers.emplace_back([&] {
      long mine = 0;
      for (int now = phase.load(); now != Stop; now = phase.load()) {
        op();
        if (now == Measure && phase.load() == Measure)
          ++mine;
      }
      calls += mine;
    });
  std::this_thread::sleep_for(std::chrono::duration<double>(std::min(0.5, seconds / 4)));
  double ours_start = our_cpu_seconds(helpers);
  double machine_start = machine_busy_seconds();
  auto start = Clock::now();
  phase = Measure;
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  phase = Stop;
  auto stop = Clock::now();
  double ours = our_cpu_seconds(helpers) - ours_start;
  double machine = machine_busy_seconds() - machine_start;
  for (auto &caller : callers)
    caller.join();
  double wall = std::chrono::duration<double>(stop - start).count();
  return {static_cast<double>(calls.load()) / wall, ours / wall,
          std::max(0.0, machine - ours) / wall};
}

struct Server::Impl {
  pybridge::detail::ChildProcess process;
  explicit Impl(const pybridge::detail::LaunchSpec &spec)
      : process(spec, [](std::string_view line) { std::cerr << line << '\n'; }) {}
};

Server::Server(const Settings &settings, const std::string &script, const std::string &socket_path,
               const std::vector<std::string> &extra_env)
    : socket_path_(socket_path) {
  pybridge::detail::LaunchSpec spec;
  spec.argv = {settings.python, std::string(PYBRIDGE_BENCH_SERVERS_DIR) + "/" + script,
               socket_path};
  spec.env = extra_env;
  for (char **entry = environ; *entry != nullptr; ++entry) {
    std::string_view text(*entry);
    std::string_view name = text.substr(0, text.find('=') + 1); // "NAME="
    if (std::none_of(extra_env.begin(), extra_env.end(),
                     [&](const std::string &e) { return e.starts_with(name); }))
      spec.env.emplace_back(text);
  }
  spec.log_prefix = script + ": ";
  impl_ = std::make_unique<Impl>(spec);
  impl_->process.wait_ready(std::chrono::seconds(30));
}

Server::~Server() = default;

double seconds_to_first_line(const std::vector<std::string> &argv) {
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0)
    throw std::runtime_error("cannot create a pipe");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  std::vector<char *> args;
  for (const auto &arg : argv)
    args.push_back(const_cast<char *>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  auto start = Clock::now();
  int rc = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  if (rc != 0) {
    ::close(out[0]);
    throw std::runtime_error("cannot start " + argv[0]);
  }
  std::string text;
  char buffer[256];
  ssize_t got = 0;
  while (text.find('\n') == std::string::npos &&
         ((got = ::read(out[0], buffer, sizeof buffer)) > 0 || (got < 0 && errno == EINTR)))
    if (got > 0)
      text.append(buffer, static_cast<std::size_t>(got));
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  while (::read(out[0], buffer, sizeof buffer) > 0) {
  }
  ::close(out[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (text.find('\n') == std::string::npos || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error(argv[0] + " printed no line, or failed: " + text);
  return seconds;
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "pybridge-bench-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr)
    throw std::runtime_error("cannot create a temporary directory");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

void Table::add(std::string what, std::string result, std::string ratio, std::string target,
                std::string met) {
  rows_.push_back(
      {std::move(what), std::move(result), std::move(ratio), std::move(target), std::move(met)});
}

void Table::print() const {
  // Markdown, so the table pastes into docs/performance.md as it is.
  const Row header{"benchmark", "result", "ratio (same run)", "target", "met"};
  auto line = [](const Row &row) {
    std::cout << "| " << row.what << " | " << row.result << " | " << row.ratio << " | "
              << row.target << " | " << row.met << " |\n";
  };
  line(header);
  std::cout << "|---|---|---|---|---|\n";
  for (const auto &row : rows_)
    line(row);
  std::cout.flush();
}

namespace {
/// The CPUs the benchmark may use, as it started.
const cpu_set_t &initial_cpus() {
  static const cpu_set_t cpus = [] {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (::sched_getaffinity(0, sizeof set, &set) != 0)
      CPU_SET(0, &set);
    return set;
  }();
  return cpus;
}
} // namespace

void pin_this_thread(int cpu) {
  initial_cpus();
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(cpu, &set);
  if (::pthread_setaffinity_np(::pthread_self(), sizeof set, &set) != 0)
    throw std::runtime_error("cannot pin the benchmark to CPU " + std::to_string(cpu));
}

void unpin_this_thread() {
  ::pthread_setaffinity_np(::pthread_self(), sizeof(cpu_set_t), &initial_cpus());
}

int cpu_count() { return CPU_COUNT(&initial_cpus()); }

std::string fixed(double value, int decimals) {
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(decimals);
  out << value;
  return out.str();
}

std::string yes_no(bool met) { return met ? "yes" : "no"; }

std::string machine_description(const std::string &python) {
  std::string model;
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);)
    if (line.rfind("model name", 0) == 0) {
      model = line.substr(line.find(':') + 2);
      break;
    }
  utsname name{};
  ::uname(&name);
  std::string load;
  std::ifstream("/proc/loadavg") >> load;
  std::string version =
      first_line_of(python + " -c \"import sys, google.protobuf as p; "
                             "from google.protobuf.internal import "
                             "api_implementation as a; print(sys.version.split()[0], "
                             "'protobuf', p.__version__, a.Type())\" 2>/dev/null");
  std::ostringstream out;
  out << model << ", " << std::thread::hardware_concurrency() << " cores, Linux " << name.release
      << ", Python " << version << ", load average " << load << " at start";
  return out.str();
}

} // namespace bench
