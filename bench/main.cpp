// pybridge_bench: every run-time benchmark in one go, with its baselines
// measured in the same run, printed as one table (docs/performance.md).
// `--quick` only proves it still works.
#include "baselines.hpp"
#include "harness.hpp"
#include "pybridge_calls.hpp"

#include <pybridge/config.hpp>
#include <pybridge/ndarray.hpp>
#include <pybridge/pybridge.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {
constexpr std::size_t kEchoPayload = 32; // about the size of a small call's request frame

void usage() {
  std::cerr << "usage: pybridge_bench [--quick] [--rounds N] [--per-round N] "
               "[--seconds S]\n"
               "                      [--threads N] [--ndarray-mib N] "
               "[--stream-items N]\n"
               "                      [--python PATH] [--only "
               "latency|throughput|ndarray|stream|startup]\n";
}

bool parse(int argc, char **argv, bench::Settings &settings) {
  const char *env_python = std::getenv("PYBRIDGE_PYTHON");
  settings.python = env_python && *env_python ? env_python : PYBRIDGE_PYTHON_EXECUTABLE;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc)
        throw std::invalid_argument(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--quick") {
      settings.quick = true;
      settings.latency_rounds = 2;
      settings.latency_per_round = 20;
      settings.throughput_seconds = 0.2;
      settings.ndarray_mib = 1;
      settings.ndarray_repeats = 2;
      settings.stream_items = 1000;
    } else if (arg == "--rounds")
      settings.latency_rounds = std::stoi(value());
    else if (arg == "--per-round")
      settings.latency_per_round = std::stoi(value());
    else if (arg == "--seconds")
      settings.throughput_seconds = std::stod(value());
    else if (arg == "--threads")
      settings.throughput_threads = std::stoi(value());
    else if (arg == "--ndarray-mib")
      settings.ndarray_mib = std::stoi(value());
    else if (arg == "--stream-items")
      settings.stream_items = std::stol(value());
    else if (arg == "--python")
      settings.python = value();
    else if (arg == "--only")
      settings.only = value();
    else if (arg == "--help" || arg == "-h")
      return false;
    else
      throw std::invalid_argument("unknown argument " + arg);
  }
  return true;
}

std::string latency_text(const bench::Latency &l) {
  return "p50 " + bench::fixed(l.p50_us, 1) + " us, p99 " + bench::fixed(l.p99_us, 1) + " us";
}

/// Where the caller and the servers run: a wake-up across cores costs more than
/// one on the same core (much more in a VM), so each placement is measured on
/// its own.
struct Placement {
  const char *name;
  int server_cpu, caller_cpu; // -1: wherever the scheduler puts them
};

void latency(const bench::Settings &settings, const Placement &placement, bench::Table &table) {
  // Helper servers and workers inherit the affinity of the thread that starts
  // them.
  if (placement.server_cpu >= 0)
    bench::pin_this_thread(placement.server_cpu);
  bench::TempDir dir;
  bench::Server raw_server(settings, "raw_echo.py", dir.path() + "/raw.sock");
  bench::Server grpc_server(settings, "grpc_echo.py", dir.path() + "/grpc.sock",
                            {"PYTHONPATH=" PYBRIDGE_BENCH_PYTHON_DIR});
  bench::RawEchoClient raw(raw_server.socket_path(), kEchoPayload);
  bench::GrpcEchoClient grpc(grpc_server.socket_path(), kEchoPayload);
  bench::use_workers(1);
  bench::add_by_stub();
  if (placement.caller_cpu >= 0)
    bench::pin_this_thread(placement.caller_cpu);

  std::string where = std::string(" [") + placement.name + "]";
  std::vector<bench::Probe> probes{
      {"(a) raw Unix-socket echo to a Python loop" + where, [&] { raw.round_trip(); }, {}},
      {"(b) grpcio unary echo" + where, [&] { grpc.round_trip(); }, {}},
      {"(c) PyBridge stub `operator.add(1, 2)`" + where, bench::add_by_stub, {}},
      {"(c) PyBridge `pybridge::call<long>(\"operator.add\", 1, 2)`" + where,
       bench::add_by_call,
       {}},
      {"(i) callback round trip `operator.call(lambda, 1)`" + where, bench::add_by_callback, {}}};
  bench::run_interleaved(probes, settings.latency_rounds, settings.latency_per_round);
  pybridge::shutdown();
  bench::unpin_this_thread();

  bench::Latency floor = probes[0].summary(), grpc_echo = probes[1].summary();
  table.add(probes[0].name, latency_text(floor), "1.00x raw");
  table.add(probes[1].name, latency_text(grpc_echo),
            bench::fixed(grpc_echo.p50_us / floor.p50_us, 2) + "x raw");
  for (std::size_t i = 2; i < 4; ++i) {
    bench::Latency l = probes[i].summary();
    double vs_raw = l.p50_us / floor.p50_us, vs_grpc = l.p50_us / grpc_echo.p50_us;
    table.add(probes[i].name, latency_text(l),
              bench::fixed(vs_raw, 2) + "x raw, " + bench::fixed(vs_grpc, 2) + "x grpcio",
              "p50 <= 2x raw, <= 0.5x grpcio", bench::yes_no(vs_raw <= 2 && vs_grpc <= 0.5));
  }
  // A callback's round trip (C++ -> Python -> C++ -> Python -> C++) against a plain call.
  bench::Latency plain = probes[3].summary(), callback = probes[4].summary();
  double vs_plain = callback.p50_us / plain.p50_us;
  table.add(probes[4].name, latency_text(callback),
            bench::fixed(vs_plain, 2) + "x the plain call (c)", "p50 <= 3x a plain call",
            bench::yes_no(vs_plain <= 3));
}

void latency(const bench::Settings &settings, bench::Table &table) {
  latency(settings, {"same core", 0, 0}, table);
  if (bench::cpu_count() > 1)
    latency(settings, {"separate cores", 1, 0}, table);
  latency(settings, {"unpinned", -1, -1}, table);
}

void throughput(const bench::Settings &settings, bench::Table &table) {
  struct Workload {
    const char *name;
    void (*op)();
    bool has_target;
  };
  const Workload workloads[] = {
      {"`textwrap.fill` (~1 KB, ~0.1 ms of Python)", bench::wrap_paragraph, true},
      {"`textwrap.fill`, each calling thread holding an object",
       bench::wrap_paragraph_holding_object, true},
      {"`operator.add(1, 2)`", bench::add_by_stub, false}};
  // 1 and 2 workers alternate in rounds, so a change in the machine's load
  // (other programs) hits both alike.
  const int rounds = settings.quick ? 1 : 3;
  for (const auto &workload : workloads) {
    bench::Throughput sums[2] = {};
    for (int round = 0; round < rounds; ++round)
      for (int workers : {1, 2}) {
        bench::use_workers(workers);
        workload.op(); // start the pool outside the measurement
        auto result = bench::run_concurrently(settings.throughput_threads,
                                              settings.throughput_seconds / rounds, workload.op,
                                              bench::worker_pids());
        auto &sum = sums[workers - 1];
        sum.calls_per_second += result.calls_per_second / rounds;
        sum.our_cores += result.our_cores / rounds;
        sum.other_cores += result.other_cores / rounds;
      }
    for (int workers : {1, 2}) {
      const auto &result = sums[workers - 1];
      std::string what = "(d) throughput " + std::string(workload.name) + ", " +
                         std::to_string(workers) + " worker" + (workers > 1 ? "s" : "") + ", " +
                         std::to_string(settings.throughput_threads) + " calling threads";
      std::string result_text = bench::fixed(result.calls_per_second, 0) +
                                " calls/s (CPU: " + bench::fixed(result.our_cores, 2) +
                                " cores ours, " + bench::fixed(result.other_cores, 2) + " others)";
      if (workers == 1) {
        table.add(what, result_text);
        continue;
      }
      double scale = result.calls_per_second / sums[0].calls_per_second;
      table.add(what, result_text, bench::fixed(scale, 2) + "x 1 worker",
                workload.has_target ? ">= 1.7x" : "",
                workload.has_target ? bench::yes_no(scale >= 1.7) : "");
    }
  }
}

/// Seconds to memcpy `bytes` between two buffers already in memory (median of `repeats`).
double memcpy_seconds(std::size_t bytes, int repeats) {
  std::vector<char> from(bytes, 1), to(bytes, 0);
  std::vector<double> seconds;
  for (int i = 0; i < repeats; ++i) {
    auto start = std::chrono::steady_clock::now();
    std::memcpy(to.data(), from.data(), bytes);
    auto stop = std::chrono::steady_clock::now();
    seconds.push_back(std::chrono::duration<double>(stop - start).count());
  }
  if (to[bytes / 2] != 1)
    throw std::runtime_error("memcpy baseline");
  std::sort(seconds.begin(), seconds.end());
  return seconds[seconds.size() / 2];
}

void ndarray(const bench::Settings &settings, bench::Table &table) {
  bench::use_workers(1);
  double bytes = static_cast<double>(settings.ndarray_mib) * (1 << 20);
  double memcpy_gbps =
      bytes / memcpy_seconds(static_cast<std::size_t>(bytes), settings.ndarray_repeats) / 1e9;
  std::string mib = std::to_string(settings.ndarray_mib) + " MiB";
  table.add("(e0) memcpy of " + mib + " (baseline)", bench::fixed(memcpy_gbps, 2) + " GB/s");
  for (bool new_array : {false, true}) {
    auto seconds =
        bench::ndarray_round_trips(settings.ndarray_mib, settings.ndarray_repeats, new_array);
    std::sort(seconds.begin(), seconds.end());
    double median = seconds[seconds.size() / 2];
    double gbps = bytes / median / 1e9;
    std::string what = new_array ? "(e2) " + mib +
                                       " float64 NDArray round trip, a new array "
                                       "(`numpy.copy`: numpy's copy, then one into a new segment)"
                                 : "(e) " + mib +
                                       " float64 NDArray round trip "
                                       "(`numpy.ascontiguousarray`)";
    table.add(what,
              bench::fixed(median * 1e3, 2) + " ms (median), " + bench::fixed(gbps, 2) +
                  " GB/s (array bytes / round trip)",
              bench::fixed(gbps / memcpy_gbps, 2) + "x memcpy", new_array ? "" : ">= 5 GB/s",
              new_array ? "" : bench::yes_no(gbps >= 5));
  }
}

/// A program's start to its first result, beside Python doing the same; and what the drift
/// check adds to the first call into numpy.
void startup(const bench::Settings &settings, bench::Table &table) {
  const int runs = settings.quick ? 1 : 7;
  std::vector<double> ours, python;
  for (int i = 0; i < runs; ++i) { // interleaved: a change in the machine's load hits both
    ours.push_back(bench::seconds_to_first_line({PYBRIDGE_STARTUP_PROBE}));
    python.push_back(bench::seconds_to_first_line(
        {settings.python, "-c", "import statistics; print(statistics.median([3.0, 1.0, 2.0]))"}));
  }
  auto median = [](std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
  };
  double ours_ms = median(ours) * 1e3, python_ms = median(python) * 1e3;
  table.add("(g) `python3 -c` printing `statistics.median([3.0, 1.0, 2.0])`",
            bench::fixed(python_ms, 1) + " ms (median of " + std::to_string(runs) + ")");
  table.add("(g) program start to the first result of the same stub, default workers (" +
                std::to_string(bench::cpu_count()) + ")",
            bench::fixed(ours_ms, 1) + " ms (median of " + std::to_string(runs) + ")",
            bench::fixed(ours_ms / python_ms, 2) + "x python3 -c", "<= 80 ms",
            bench::yes_no(ours_ms <= 80));

  std::vector<double> off, on;
  for (int i = 0; i < (settings.quick ? 1 : 5); ++i) {
    off.push_back(bench::first_numpy_call_seconds(false));
    on.push_back(bench::first_numpy_call_seconds(true));
  }
  double off_ms = median(off) * 1e3, on_ms = median(on) * 1e3;
  table.add("(h) first call into numpy (`numpy.linalg.norm`), drift check off",
            bench::fixed(off_ms, 1) + " ms (median)");
  table.add("(h) the same with the drift check (library fingerprint)",
            bench::fixed(on_ms, 1) + " ms (median)", "+" + bench::fixed(on_ms - off_ms, 1) + " ms",
            "<= +50 ms", bench::yes_no(on_ms - off_ms <= 50));
}

void stream(const bench::Settings &settings, bench::Table &table) {
  bench::use_workers(1);
  double rate = bench::stream_items_per_second(settings.stream_items);
  table.add("(f) stream of " + std::to_string(settings.stream_items) + " ints (`itertools.repeat`)",
            bench::fixed(rate, 0) + " chunks/s", "", ">= 150,000 chunks/s",
            bench::yes_no(rate >= 150000));
  // Items holding objects: the generator waits for the loop before each next item.
  long objects = std::max(settings.stream_items / 20, 100L);
  double object_rate = bench::object_stream_items_per_second(objects);
  table.add("(f) stream of " + std::to_string(objects) +
                " objects (`itertools.repeat(Fraction(1, 3))`, one item at a time)",
            bench::fixed(object_rate, 0) + " chunks/s",
            bench::fixed(object_rate / rate, 3) + "x ints");
}
} // namespace

int main(int argc, char **argv) {
  bench::Settings settings;
  try {
    if (!parse(argc, argv, settings)) {
      usage();
      return 0;
    }
  } catch (const std::exception &error) {
    std::cerr << "pybridge_bench: " << error.what() << "\n";
    usage();
    return 2;
  }
  try {
    std::cout << "machine: " << bench::machine_description(settings.python) << "\n";
    std::cout << "settings: " << settings.latency_rounds << " rounds x "
              << settings.latency_per_round << " samples per latency probe, "
              << settings.throughput_seconds << " s per throughput run"
              << (settings.quick ? " (--quick: figures mean nothing)" : "") << "\n\n";
    bench::Table table;
    auto wanted = [&](const char *section) {
      return settings.only.empty() || settings.only == section;
    };
    if (wanted("latency"))
      latency(settings, table);
    if (wanted("throughput"))
      throughput(settings, table);
    if (wanted("ndarray"))
      ndarray(settings, table);
    if (wanted("stream"))
      stream(settings, table);
    if (wanted("startup"))
      startup(settings, table);
    pybridge::shutdown();
    table.print();
  } catch (const std::exception &error) {
    std::cerr << "pybridge_bench: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
