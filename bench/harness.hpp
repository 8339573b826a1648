// The benchmark harness: timing, interleaved latency probes, helper servers and
// the table.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace bench {

/// Runs `argv` (argv[0] looked up in PATH) and returns the seconds from its start to the
/// first line it prints (its standard output); waits for it to exit. Throws when it prints
/// nothing or fails.
double seconds_to_first_line(const std::vector<std::string> &argv);

using Clock = std::chrono::steady_clock;

/// What the command line asked for.
struct Settings {
  bool quick = false;              // tiny counts: proves the benchmark runs, nothing more
  int latency_rounds = 20;         // rounds of interleaved latency samples
  int latency_per_round = 500;     // samples per probe per round
  double throughput_seconds = 3.0; // measuring window per configuration
  int throughput_threads = 4;      // concurrent calling threads
  int ndarray_mib = 64;
  int ndarray_repeats = 10;
  long stream_items = 200000;
  std::string python; // interpreter for the helper servers
  std::string only;   // one section (latency, throughput, ndarray, stream)
};

struct Latency {
  double p50_us = 0, p99_us = 0, mean_us = 0;
  std::size_t samples = 0;
};

/// One round trip to time, e.g. an echo or a Python call.
struct Probe {
  std::string name;
  std::function<void()> once;
  std::vector<double> samples_us;
  Latency summary() const;
};

/// Times every probe in turn, `rounds` times, `per_round` samples each (after
/// one warm-up round), so a load change on the machine hits all probes alike
/// and the ratios stay honest.
void run_interleaved(std::vector<Probe> &probes, int rounds, int per_round);

/// Calls `op` from `threads` threads for `seconds` (after a short warm-up):
/// calls per second, and where the machine's CPU time went meanwhile: to this
/// process and `helpers` (the worker pids), or to anything else running on the
/// machine.
struct Throughput {
  double calls_per_second = 0;
  double our_cores = 0;   // CPU seconds per wall second: this process and the helpers
  double other_cores = 0; // the rest of the machine (other programs, hypervisor steal)
};
Throughput run_concurrently(int threads, double seconds, const std::function<void()> &op,
                            const std::vector<int> &helpers);

/// A helper server (bench/servers/*.py) started like a worker: ready on fd 3,
/// lifeline on fd 4.
class Server {
public:
  Server(const Settings &settings, const std::string &script, const std::string &socket_path,
         const std::vector<std::string> &extra_env = {});
  ~Server();
  const std::string &socket_path() const { return socket_path_; }

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::string socket_path_;
};

/// A private temporary directory for sockets, removed at destruction.
class TempDir {
public:
  TempDir();
  ~TempDir();
  const std::string &path() const { return path_; }

private:
  std::string path_;
};

/// The results table: absolute figures, ratios to the baselines, targets.
class Table {
public:
  void add(std::string what, std::string result, std::string ratio = "", std::string target = "",
           std::string met = "");
  void print() const;

private:
  struct Row {
    std::string what, result, ratio, target, met;
  };
  std::vector<Row> rows_;
};

/// Runs the calling thread (and what it starts later) on `cpu` only / on every
/// CPU again.
void pin_this_thread(int cpu);
void unpin_this_thread();
int cpu_count();

std::string fixed(double value, int decimals);
std::string yes_no(bool met);
std::string machine_description(const std::string &python);

} // namespace bench
