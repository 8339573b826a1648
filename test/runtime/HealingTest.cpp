// The pool heals itself: a bound on waiting calls (Overloaded) with queue-wait telemetry,
// recycling of workers, heartbeats, backoff for a slot that keeps failing to start.
#include "RuntimeTestSupport.hpp"
#include <pybridge/config.hpp>
#include <pybridge/future.hpp>
#include <pybridge/telemetry.hpp>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <future>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

namespace {

using namespace pybridge_test;

using HealingTest = RuntimeTest;

int calls_in_flight() {
  int total = 0;
  for (const auto &worker : pybridge::pool_stats().workers)
    total += worker.inflight;
  return total;
}

TEST_F(HealingTest, CallsBeyondTheQueueLimitAreOverloaded) {
  start({.workers = 2, .max_queue = 1});
  std::mutex mutex;
  std::chrono::nanoseconds longest_wait{0};
  auto handler = pybridge::telemetry::add_handler([&](const pybridge::telemetry::Event &event) {
    std::lock_guard lock(mutex);
    longest_wait = std::max(longest_wait, event.queue_wait);
  });
  pybridge::telemetry::reset_metrics();
  // Two workers busy and one call waiting behind them: the queue is full.
  std::vector<std::future<long>> busy;
  for (int i = 0; i < 3; ++i)
    busy.push_back(std::async(
        std::launch::async, [] { return pybridge::call<long>("pybridge_faults.sleep_pid", 1.0); }));
  ASSERT_TRUE(eventually([] { return calls_in_flight() == 3; }));
  auto refused = std::chrono::steady_clock::now();
  try {
    pybridge::call<long>("pybridge_faults.pid");
    FAIL() << "a call past the queue limit was sent";
  } catch (const pybridge::Overloaded &error) {
    EXPECT_NE(std::string(error.what()).find("PYBRIDGE_MAX_QUEUE"), std::string::npos)
        << error.what();
  }
  EXPECT_LT(ms_since(refused), 500) << "refused without waiting";
  for (auto &call : busy)
    EXPECT_GT(call.get(), 0);
  // Once the queue drains, calls go through again.
  EXPECT_GT(pybridge::call<long>("pybridge_faults.pid"), 0);
  pybridge::telemetry::remove_handler(handler);
  auto metrics = pybridge::telemetry::metrics();
  EXPECT_EQ(metrics.overloaded, 1u);
  // The third call waited behind a one-second call on its worker.
  std::lock_guard lock(mutex);
  EXPECT_GE(longest_wait, 500ms);
  EXPECT_GE(metrics.queue_wait_max, 500ms);
  EXPECT_GE(metrics.queue_wait_total, metrics.queue_wait_max);
}

TEST_F(HealingTest, QueueLimitComesFromTheEnvironment) {
  {
    ScopedEnv limit("PYBRIDGE_MAX_QUEUE", "lots");
    pybridge::configure({});
    EXPECT_THROW(pybridge::call<long>("pybridge_faults.pid"), pybridge::SetupError);
  }
  ScopedEnv limit("PYBRIDGE_MAX_QUEUE", "1");
  start({.workers = 1});
  auto first = std::async(std::launch::async,
                          [] { return pybridge::call<long>("pybridge_faults.sleep_pid", 1.0); });
  auto second = std::async(std::launch::async,
                           [] { return pybridge::call<long>("pybridge_faults.sleep_pid", 1.0); });
  ASSERT_TRUE(eventually([] { return calls_in_flight() == 2; }));
  EXPECT_THROW(pybridge::call<long>("pybridge_faults.pid"), pybridge::Overloaded);
  first.get();
  second.get();
}

} // namespace

namespace {

using namespace pybridge_test;

class HeartbeatTest : public RuntimeTest {
protected:
  /// Waits until slot `index` serves with another process than `old_pid`.
  static bool replaced(int index, int old_pid, std::chrono::milliseconds timeout = 30s) {
    return eventually(
        [&] {
          auto stats = pybridge::pool_stats();
          const auto &worker = stats.workers[index];
          return worker.alive && worker.pid != 0 && worker.pid != old_pid;
        },
        timeout);
  }
};

TEST_F(HeartbeatTest, AStoppedIdleWorkerIsReplaced) {
  start({.workers = 2, .heartbeat = 100ms, .heartbeat_timeout = 500ms});
  int stopped = worker_pid(0);
  ASSERT_GT(stopped, 0);
  ASSERT_EQ(::kill(stopped, SIGSTOP), 0);
  ASSERT_TRUE(replaced(0, stopped)) << log.all();
  EXPECT_TRUE(eventually([&] { return !process_running(stopped); }));
  EXPECT_GE(pybridge::pool_stats().hung, 1u);
  EXPECT_TRUE(log.contains("did not answer a health probe")) << log.all();
  EXPECT_GT(pybridge::call<long>("pybridge_faults.pid"), 0);
}

TEST_F(HeartbeatTest, AWorkerStuckHoldingTheGilIsReplaced) {
  start({.workers = 2, .heartbeat = 100ms, .heartbeat_timeout = 500ms});
  auto trigger =
      std::filesystem::temp_directory_path() / ("pybridge-hang-" + std::to_string(::getpid()));
  std::filesystem::remove(trigger);
  long stuck = pybridge::call<long>("pybridge_faults.hang_once_file_exists", trigger.string(), 300);
  std::ofstream(trigger).put('\n'); // the worker's thread now takes the GIL and keeps it
  int slot = worker_pid(0) == stuck ? 0 : 1;
  bool was_replaced = replaced(slot, static_cast<int>(stuck));
  std::filesystem::remove(trigger);
  ASSERT_TRUE(was_replaced) << log.all();
  EXPECT_GE(pybridge::pool_stats().hung, 1u);
}

TEST_F(HeartbeatTest, ACallOnAHungWorkerGetsATypedError) {
  start({.workers = 1, .heartbeat = 100ms, .heartbeat_timeout = 500ms});
  int stopped = worker_pid(0);
  ASSERT_GT(stopped, 0);
  ASSERT_EQ(::kill(stopped, SIGSTOP), 0);
  auto begun = std::chrono::steady_clock::now();
  try {
    // It reaches the stopped worker (the only one) before or after a probe does: either way
    // the monitor replaces the worker and the call ends.
    pybridge::call<long>("pybridge_faults.pid");
  } catch (const pybridge::WorkerLost &error) {
    std::string what = error.what();
    EXPECT_TRUE(what.find("health probe") != std::string::npos ||
                what.find("stopped") != std::string::npos)
        << what;
  }
  EXPECT_LT(ms_since(begun), 30000);
  EXPECT_TRUE(eventually([&] { return !process_running(stopped); }));
  EXPECT_GT(pybridge::call<long>("pybridge_faults.pid"), 0);
}

TEST_F(HeartbeatTest, HeartbeatsReportMemory) {
  start({.workers = 1, .heartbeat = 100ms});
  ASSERT_TRUE(eventually([] { return pybridge::pool_stats().workers[0].rss_bytes > 0; }))
      << log.all();
  EXPECT_EQ(pybridge::pool_stats().hung, 0u) << log.all();
}

TEST_F(HeartbeatTest, ASigkillIsReportedWithTheMemoryItHad) {
  start({.workers = 1, .heartbeat = 100ms});
  ASSERT_TRUE(eventually([] { return pybridge::pool_stats().workers[0].rss_bytes > 0; }));
  int victim = worker_pid(0);
  auto call = std::async(std::launch::async,
                         [] { return pybridge::call<long>("pybridge_faults.sleep_pid", 60.0); });
  ASSERT_TRUE(eventually([] { return calls_in_flight() == 1; }));
  ASSERT_GT(victim, 0);
  ASSERT_EQ(::kill(victim, SIGKILL), 0);
  try {
    call.get();
    FAIL() << "the call survived its worker";
  } catch (const pybridge::WorkerLost &error) {
    std::string what = error.what();
    // This machine's OOM killer did not do it: its cgroup counter (when readable) did not
    // rise, so the message can only say it may have been.
    EXPECT_NE(what.find("SIGKILL: killed by another process, or possibly the out-of-memory "
                        "killer"),
              std::string::npos)
        << what;
    EXPECT_NE(what.find("MiB resident at its last heartbeat"), std::string::npos) << what;
  }
}

using RecycleTest = HeartbeatTest;

TEST_F(RecycleTest, AWorkerIsRecycledAfterItsCalls) {
  start({.workers = 1, .recycle_calls = 5});
  int first = worker_pid(0);
  // start() made one call; four more reach the limit. None of them fails.
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(pybridge::call<long>("pybridge_faults.pid"), first);
  ASSERT_TRUE(replaced(0, first)) << log.all();
  EXPECT_EQ(pybridge::pool_stats().recycled, 1u);
  EXPECT_TRUE(log.contains("was recycled: it ran 5 calls")) << log.all();
  EXPECT_NE(pybridge::call<long>("pybridge_faults.pid"), first);
}

TEST_F(RecycleTest, AWorkerHoldingObjectsIsRecycledOnceTheyAreReleased) {
  start({.workers = 1, .recycle_calls = 2, .heartbeat = 100ms});
  int first = worker_pid(0);
  std::optional<pybridge::Object> counter =
      pybridge::call<pybridge::Object>("pybridge_faults.make_counter", 10);
  // Past the limit, the object still works: its worker stays while it is held.
  auto heartbeats = pybridge::pool_stats().heartbeats;
  ASSERT_TRUE(eventually([&] { return pybridge::pool_stats().heartbeats >= heartbeats + 3; }));
  EXPECT_EQ(counter->call<long>("add", 1), 11);
  EXPECT_EQ(worker_pid(0), first);
  EXPECT_EQ(pybridge::pool_stats().recycled, 0u);
  counter.reset();
  ASSERT_TRUE(replaced(0, first)) << log.all();
  EXPECT_EQ(pybridge::pool_stats().recycled, 1u);
}

TEST_F(RecycleTest, AWorkerIsRecycledByAge) {
  start({.workers = 1, .recycle_age = 300ms});
  int first = worker_pid(0);
  ASSERT_TRUE(replaced(0, first)) << log.all();
  EXPECT_TRUE(log.contains("ms old")) << log.all();
}

TEST_F(RecycleTest, AWorkerIsRecycledByMemory) {
  start({.workers = 1, .heartbeat = 100ms});
  ASSERT_TRUE(eventually([] { return pybridge::pool_stats().workers[0].rss_bytes > 0; }));
  std::uint64_t fresh = pybridge::pool_stats().workers[0].rss_bytes;
  pybridge::shutdown();
  // A limit 64 MiB above what a fresh worker uses; the worker then grows by 128 MiB.
  start({.workers = 1, .recycle_rss = fresh + (64u << 20), .heartbeat = 100ms});
  int first = worker_pid(0);
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.grow", 128), first);
  ASSERT_TRUE(replaced(0, first)) << log.all();
  EXPECT_TRUE(log.contains("of memory")) << log.all();
  EXPECT_EQ(pybridge::pool_stats().recycled, 1u);
}

} // namespace

namespace {

using namespace pybridge_test;

class BreakerTest : public RuntimeTest {
protected:
  void SetUp() override {
    RuntimeTest::SetUp();
    dir_ =
        std::filesystem::temp_directory_path() / ("pybridge-breaker-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    RuntimeTest::TearDown();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
};

long lines_in(const std::filesystem::path &file) {
  std::ifstream in(file);
  return std::count(std::istreambuf_iterator<char>(in), {}, '\n');
}

TEST_F(BreakerTest, ASlotThatKeepsFailingBacksOffAndCallsFailFast) {
  auto starts = dir_ / "starts", broken = dir_ / "broken";
  ScopedEnv starts_env("PYBRIDGE_TEST_STARTS", starts.string());
  ScopedEnv broken_env("PYBRIDGE_TEST_BROKEN", broken.string());
  ScopedEnv real("PYBRIDGE_TEST_REAL_PYTHON", PYBRIDGE_TEST_PYTHON);
  start(
      {.workers = 1, .python = std::string(PYBRIDGE_TEST_FIXTURES) + "/python-that-may-crash.sh"});
  ASSERT_EQ(lines_in(starts), 1);
  std::ofstream(broken).put('\n');
  auto died = std::chrono::steady_clock::now();
  EXPECT_THROW(pybridge::call<long>("pybridge_faults.exit_with", 1), pybridge::WorkerLost);
  // Restarts back off (200, 400, 800 ms...): the fourth failed start comes after 1.4 s at
  // the earliest; a tight loop would make hundreds meanwhile.
  ASSERT_TRUE(eventually([&] { return lines_in(starts) >= 5; }, 60s));
  EXPECT_GE(ms_since(died), 1400);
  // The breaker is open: a call fails at once, saying why and when the next attempt comes.
  auto called = std::chrono::steady_clock::now();
  try {
    pybridge::call<long>("pybridge_faults.pid");
    FAIL() << "a call succeeded with no worker";
  } catch (const pybridge::SetupError &error) {
    std::string what = error.what();
    EXPECT_NE(what.find("the next attempt is in"), std::string::npos) << what;
    EXPECT_NE(what.find("exited with status 3"), std::string::npos) << what;
  }
  EXPECT_LT(ms_since(called), 1000);
  long seen = lines_in(starts);
  EXPECT_LT(seen, 12) << "restarts in a tight loop";
  // Fixed: the next attempt succeeds and calls go through again.
  std::filesystem::remove(broken);
  EXPECT_TRUE(eventually(
      [] {
        try {
          return pybridge::call<long>("pybridge_faults.pid") > 0;
        } catch (const pybridge::SetupError &) {
          return false;
        }
      },
      60s));
}

} // namespace

namespace {

using namespace pybridge_test;

using PrometheusTest = RuntimeTest;

/// One sample line of the exposition format: name, labels, value.
struct Sample {
  std::string name, labels;
  double value;
};

/// Parses the text as a scraper does (exposition format 0.0.4); a line it cannot read fails
/// the test.
std::vector<Sample> parse_exposition(const std::string &text, std::set<std::string> &typed) {
  static const std::regex comment(R"(# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+))");
  static const std::regex sample(
      R"(([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="[^"]*"(,[a-zA-Z_][a-zA-Z0-9_]*="[^"]*")*)\})? ([-+0-9.eE]+|\+Inf|NaN))");
  std::vector<Sample> samples;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::smatch match;
    if (std::regex_match(line, match, comment)) {
      if (match[1] == "TYPE") {
        EXPECT_TRUE(match[3] == "counter" || match[3] == "gauge" || match[3] == "histogram")
            << line;
        typed.insert(match[2]);
      }
      continue;
    }
    if (!std::regex_match(line, match, sample)) {
      ADD_FAILURE() << "not in the exposition format: '" << line << "'";
      continue;
    }
    samples.push_back({match[1], match[3], std::stod(match[5])});
  }
  EXPECT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');
  return samples;
}

double value_of(const std::vector<Sample> &samples, const std::string &name,
                const std::string &labels = {}) {
  for (const auto &sample : samples)
    if (sample.name == name && sample.labels == labels)
      return sample.value;
  ADD_FAILURE() << name << "{" << labels << "} is missing";
  return -1;
}

TEST_F(PrometheusTest, MetricsReadInTheTextFormat) {
  start({.workers = 2});
  pybridge::telemetry::reset_metrics();
  for (int i = 0; i < 5; ++i)
    pybridge::call<long>("pybridge_faults.add", i, 1);
  EXPECT_THROW(pybridge::call<long>("pybridge_faults.no_such_function"), pybridge::Error);
  std::set<std::string> typed;
  auto samples = parse_exposition(pybridge::telemetry::prometheus_text(), typed);
  auto metrics = pybridge::telemetry::metrics();
  EXPECT_EQ(value_of(samples, "pybridge_calls_total"), 6);
  EXPECT_EQ(value_of(samples, "pybridge_errors_total"), 1);
  EXPECT_EQ(value_of(samples, "pybridge_sent_bytes_total"),
            static_cast<double>(metrics.bytes_sent));
  EXPECT_EQ(value_of(samples, "pybridge_workers"), 2);
  EXPECT_EQ(value_of(samples, "pybridge_worker_up", "worker=\"1\""), 1);
  // Every sample belongs to a declared family (a histogram's by its suffixes).
  for (const auto &sample : samples) {
    std::string family = std::regex_replace(sample.name, std::regex("_(bucket|sum|count)$"), "");
    EXPECT_TRUE(typed.count(sample.name) || typed.count(family)) << sample.name;
  }
  // The histogram's buckets are cumulative and end with +Inf, which counts every call.
  double previous = 0;
  int buckets = 0;
  for (const auto &sample : samples) {
    if (sample.name != "pybridge_call_duration_seconds_bucket")
      continue;
    EXPECT_GE(sample.value, previous) << sample.labels;
    previous = sample.value;
    ++buckets;
  }
  EXPECT_GT(buckets, 1);
  EXPECT_EQ(value_of(samples, "pybridge_call_duration_seconds_bucket", "le=\"+Inf\""), 6);
  EXPECT_EQ(value_of(samples, "pybridge_call_duration_seconds_count"), 6);
  EXPECT_GT(value_of(samples, "pybridge_call_duration_seconds_sum"), 0);
}

} // namespace

namespace {

using namespace pybridge_test;

using ObjectLimitTest = RuntimeTest;

TEST_F(ObjectLimitTest, AWorkerHoldsNoMoreObjectsThanItsLimit) {
  start({.workers = 1, .max_objects = 3});
  std::vector<pybridge::Object> kept;
  for (int i = 0; i < 3; ++i)
    kept.push_back(pybridge::call<pybridge::Object>("pybridge_faults.make_counter", i));
  try {
    pybridge::call<pybridge::Object>("pybridge_faults.make_counter", 3);
    FAIL() << "a fourth object was kept";
  } catch (const pybridge::Overloaded &error) {
    EXPECT_NE(std::string(error.what()).find("PYBRIDGE_MAX_OBJECTS"), std::string::npos)
        << error.what();
  }
  // The objects kept still work, and releasing one makes room (no worker restart).
  EXPECT_EQ(kept[2].call<long>("add", 1), 3);
  kept.pop_back();
  EXPECT_EQ(
      pybridge::call<pybridge::Object>("pybridge_faults.make_counter", 7).call<long>("add", 1), 8);
  EXPECT_EQ(pybridge::pool_stats().restarts, 0u);
}

} // namespace
