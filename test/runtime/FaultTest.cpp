// Crashes and hangs in Python: typed errors, a restarted worker, a pool that
// keeps serving.
#include "RuntimeTestSupport.hpp"

#include <pybridge/config.hpp>
#include <pybridge/detail/call.hpp>
#include <pybridge/future.hpp>
#include <pybridge/session.hpp>
#include <pybridge/stream.hpp>
#include <pybridge/telemetry.hpp>

#include <filesystem>
#include <future>

namespace {

using namespace pybridge_test;

using FaultTest = RuntimeTest;

/// Runs `crash` on the worker; returns the WorkerLost message.
std::string worker_lost_by(const char *crash) {
  try {
    pybridge::call<void>(crash);
  } catch (const pybridge::WorkerLost &error) {
    return error.what();
  }
  ADD_FAILURE() << crash << " did not throw WorkerLost";
  return {};
}

void expect_contains(const std::string &text, std::string_view part) {
  EXPECT_NE(text.find(part), std::string::npos) << "'" << part << "' not in: " << text;
}

TEST_F(FaultTest, KilledWorkerIsReportedAndRestarted) {
  start({.workers = 1});
  int before = worker_pid(0);
  std::string message = worker_lost_by("pybridge_faults.kill_self");
  expect_contains(message, "'pybridge_faults.kill_self'");
  expect_contains(message, "SIGKILL");
  expect_contains(message, "out-of-memory killer");
  long after = pybridge::call<long>("pybridge_faults.pid"); // waits for the new worker
  EXPECT_NE(after, before);
  EXPECT_FALSE(process_running(before));
  EXPECT_EQ(pybridge::pool_stats().restarts, 1u);
}

TEST_F(FaultTest, SegfaultIsClassified) {
  start({.workers = 1});
  std::string message = worker_lost_by("pybridge_faults.segfault");
  expect_contains(message, "SIGSEGV");
  expect_contains(message, "segmentation fault");
  expect_contains(message, "Fatal Python error"); // faulthandler's report, from the worker
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.add", 2, 3), 5);
}

TEST_F(FaultTest, AbortIsClassified) {
  start({.workers = 1});
  std::string message = worker_lost_by("pybridge_faults.abort");
  expect_contains(message, "SIGABRT");
  expect_contains(message, "aborted");
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.add", 2, 3), 5);
}

TEST_F(FaultTest, ExitStatusIsReported) {
  start({.workers = 1});
  try {
    pybridge::call<void>("pybridge_faults.exit_with", 3);
    FAIL() << "no WorkerLost";
  } catch (const pybridge::WorkerLost &error) {
    expect_contains(error.what(), "exited with status 3");
  }
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.add", 2, 3), 5);
}

TEST_F(FaultTest, ObjectsOfACrashedWorkerAreLost) {
  start({.workers = 1});
  pybridge::Object counter = pybridge::call("pybridge_faults.Counter", 1);
  EXPECT_EQ(counter.call<long>("add", 1), 2);
  worker_lost_by("pybridge_faults.kill_self");
  try {
    counter.call<long>("add", 1);
    FAIL() << "no ObjectLost";
  } catch (const pybridge::ObjectLost &error) {
    expect_contains(error.what(), "lost with worker 0");
  }
  // A new object on the new worker works.
  pybridge::Object fresh = pybridge::call("pybridge_faults.Counter", 10);
  EXPECT_EQ(fresh.call<long>("add", 1), 11);
}

TEST_F(FaultTest, CallsInFlightOnACrashedWorkerFailOthersGoOn) {
  start({.workers = 2});
  pybridge::Session doomed, safe;
  doomed.run([] { pybridge::call<long>("pybridge_faults.pid"); });
  safe.run([] { pybridge::call<long>("pybridge_faults.pid"); });
  ASSERT_NE(doomed.worker(), safe.worker());
  auto slow = std::async(std::launch::async, [&] {
    return doomed.run([] { return pybridge::call<long>("pybridge_faults.sleep", 30); });
  });
  ASSERT_TRUE(
      eventually([&] { return pybridge::pool_stats().workers[doomed.worker()].inflight == 1; }));
  ::kill(worker_pid(doomed.worker()), SIGKILL);
  EXPECT_THROW(slow.get(), pybridge::WorkerLost);
  EXPECT_EQ(safe.run([] { return pybridge::call<long>("pybridge_faults.add", 1, 2); }), 3);
  // The session whose worker died goes on, on a new worker.
  EXPECT_EQ(doomed.run([] { return pybridge::call<long>("pybridge_faults.add", 2, 2); }), 4);
}

TEST_F(FaultTest, IdleWorkerKilledFromOutsideIsReplacedBeforeTheNextCall) {
  start({.workers = 1});
  int before = worker_pid(0);
  ::kill(before, SIGKILL);
  ASSERT_TRUE(eventually([&] { return worker_pid(0) != 0 && worker_pid(0) != before; }));
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.add", 1, 1),
            2); // not a WorkerLost
}

TEST_F(FaultTest, CallAfterAnIdleWorkerDiedGoesToANewWorker) {
  // A child of the worker keeps its output open, so the pool hears nothing of
  // the death; the next call finds the idle connection closed and goes to a new
  // worker instead.
  start({.workers = 1});
  long child = pybridge::call<long>("pybridge_faults.spawn_child");
  int victim = worker_pid(0);
  ::kill(victim, SIGKILL);
  ASSERT_TRUE(eventually([&] { return fully_exited(victim); }));
  ASSERT_EQ(worker_pid(0), victim); // not noticed yet
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(pybridge::call<long>("pybridge_faults.add", i, 1), i + 1);
  EXPECT_NE(worker_pid(0), victim);
  // Replacing the worker ended its process group, the child included.
  EXPECT_TRUE(eventually([&] { return !process_running(static_cast<int>(child)); }));
}

TEST_F(FaultTest, InterruptibleHangEndsAtItsTimeoutAndTheWorkerSurvives) {
  start({.workers = 1});
  int before = worker_pid(0);
  auto begin = std::chrono::steady_clock::now();
  {
    pybridge::ScopedTimeout timeout(300ms);
    EXPECT_THROW(pybridge::call<double>("pybridge_faults.sleep", 30.0), pybridge::TimeoutError);
  }
  auto elapsed = std::chrono::steady_clock::now() - begin;
  EXPECT_GE(elapsed, 300ms);   // not before its timeout
  EXPECT_LT(elapsed, 15000ms); // and long before the 30 s sleep ends, however loaded the machine
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.pid"),
            before); // same worker, still serving
  EXPECT_EQ(pybridge::pool_stats().restarts, 0u);
}

TEST_F(FaultTest, DefaultTimeoutComesFromOptions) {
  start({.workers = 1, .timeout = 300ms});
  EXPECT_THROW(pybridge::call<double>("pybridge_faults.sleep", 30.0), pybridge::TimeoutError);
  pybridge::ScopedTimeout none(0ms); // a scoped timeout overrides the default: 0 waits
  EXPECT_EQ(pybridge::call<double>("pybridge_faults.sleep", 0.5), 0.5);
}

TEST_F(FaultTest, DefaultTimeoutComesFromEnvironment) {
  ScopedEnv timeout("PYBRIDGE_TIMEOUT_MS", "300");
  start({.workers = 1});
  EXPECT_THROW(pybridge::call<double>("pybridge_faults.sleep", 30.0), pybridge::TimeoutError);
}

TEST_F(FaultTest, HangThatIgnoresSignalsGetsTheWorkerRestarted) {
  start({.workers = 1, .cancel_grace = 500ms});
  int before = worker_pid(0);
  auto begin = std::chrono::steady_clock::now();
  try {
    pybridge::ScopedTimeout timeout(300ms);
    pybridge::call<double>("pybridge_faults.hang_ignoring_signals", 60.0);
    FAIL() << "no TimeoutError";
  } catch (const pybridge::TimeoutError &error) {
    expect_contains(error.what(), "timed out after 300 ms");
    expect_contains(error.what(), "restarted");
  }
  EXPECT_LT(std::chrono::steady_clock::now() - begin, 30000ms); // not the 60 s hang
  EXPECT_NE(pybridge::call<long>("pybridge_faults.pid"), before);
  EXPECT_FALSE(process_running(before));
  EXPECT_EQ(pybridge::pool_stats().restarts, 1u);
}

TEST_F(FaultTest, QueuedCallTimesOutWithoutKillingABusyWorker) {
  start({.workers = 1, .cancel_grace = 300ms});
  int before = worker_pid(0);
  BusyMarker done("queued-call");
  auto long_call = std::async(std::launch::async, [&] {
    return pybridge::call<long>("pybridge_faults.busy_until", done.path);
  });
  ASSERT_TRUE(eventually([] { return pybridge::pool_stats().workers[0].inflight == 1; }));
  try {
    pybridge::ScopedTimeout timeout(200ms);
    pybridge::call<long>("pybridge_faults.counted", 1);
    FAIL() << "no TimeoutError";
  } catch (const pybridge::TimeoutError &error) {
    expect_contains(error.what(), "waited behind another call");
  }
  done.set();
  EXPECT_EQ(long_call.get(), before); // the long call was not disturbed
  EXPECT_EQ(worker_pid(0), before);
  // The timed-out call never ran: the worker skipped it.
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.runs"), 0);
}

TEST_F(FaultTest, IdempotentCallIsRetriedOnANewWorker) {
  start({.workers = 1});
  std::string marker = ::testing::TempDir() + "crash-once-" + std::to_string(::getpid());
  std::filesystem::remove(marker);
  std::string result = pybridge::detail::invoke<std::string>(
      call_site("pybridge_faults.crash_once", {.policy = {.idempotent = true}}), marker);
  EXPECT_EQ(result, "survived");
  EXPECT_EQ(pybridge::pool_stats().restarts, 1u);
  std::filesystem::remove(marker);
}

TEST_F(FaultTest, DynamicCallMarkedIdempotentIsRetried) {
  start({.workers = 1});
  std::string marker = ::testing::TempDir() + "crash-once-dyn-" + std::to_string(::getpid());
  std::filesystem::remove(marker);
  EXPECT_EQ(pybridge::call<std::string>({.idempotent = true}, "pybridge_faults.crash_once", marker),
            "survived");
  std::filesystem::remove(marker);
}

TEST_F(FaultTest, OtherCallsAreNotRetried) {
  start({.workers = 1});
  std::string marker = ::testing::TempDir() + "crash-once-" + std::to_string(::getpid());
  std::filesystem::remove(marker);
  EXPECT_THROW(
      pybridge::detail::invoke<std::string>(call_site("pybridge_faults.crash_once"), marker),
      pybridge::WorkerLost);
  std::filesystem::remove(marker);
}

TEST_F(FaultTest, RetriesAreBounded) {
  start({.workers = 1, .retries = 1});
  // Dies on every attempt: one try plus one retry, then the error.
  EXPECT_THROW(pybridge::detail::invoke<void>(
                   call_site("pybridge_faults.kill_self", {.policy = {.idempotent = true}})),
               pybridge::WorkerLost);
  EXPECT_EQ(pybridge::pool_stats().restarts, 2u);
}

} // namespace

namespace {

using namespace pybridge_test;

using StreamFaultTest = RuntimeTest;

TEST_F(StreamFaultTest, LeavingAStreamEarlyStopsTheGeneratorAndKeepsTheWorker) {
  start({.workers = 1});
  int before = worker_pid(0);
  {
    auto numbers = pybridge::call<pybridge::Stream<long>>("pybridge_faults.count_up", -1, 0.01);
    long seen = 0;
    for (long n : numbers) {
      EXPECT_EQ(n, seen);
      if (++seen == 3)
        break;
    }
  }
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.pid"), before);
  EXPECT_EQ(pybridge::pool_stats().restarts, 0u);
}

TEST_F(StreamFaultTest, StreamStuckInCodeIgnoringSignalsGetsTheWorkerRestarted) {
  start({.workers = 1, .cancel_grace = 300ms});
  int before = worker_pid(0);
  std::string hanging = ::testing::TempDir() + "hanging-" + std::to_string(::getpid());
  std::filesystem::remove(hanging);
  {
    auto numbers =
        pybridge::call<pybridge::Stream<long>>("pybridge_faults.count_then_hang", 2, 60.0, hanging);
    auto it = numbers.begin();
    EXPECT_EQ(*it, 0);
    ASSERT_TRUE(eventually([&] { return std::filesystem::exists(hanging); }, 20000ms));
  } // cancelled while the generator hangs: nothing else runs there, so it is restarted
  std::filesystem::remove(hanging);
  EXPECT_NE(pybridge::call<long>("pybridge_faults.pid"), before);
  EXPECT_FALSE(process_running(before));
}

TEST_F(StreamFaultTest, WorkerDyingMidStreamIsWorkerLost) {
  start({.workers = 1});
  auto numbers = pybridge::call<pybridge::Stream<long>>("pybridge_faults.count_up", -1, 0.05);
  auto it = numbers.begin();
  EXPECT_EQ(*it, 0);
  ::kill(worker_pid(0), SIGKILL);
  EXPECT_THROW(
      {
        for (int i = 0; i < 100; ++i)
          ++it;
      },
      pybridge::WorkerLost);
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.add", 1, 1), 2);
}

} // namespace

namespace {

using namespace pybridge_test;
using Clock = std::chrono::steady_clock;

using DeadlineTest = RuntimeTest;

// Sending the request counts against the timeout: a large argument the busy
// worker does not read is given up at the deadline (it used to wait until the worker read it).
TEST_F(DeadlineTest, LargeRequestBehindABusyWorkerTimesOutOnTime) {
  start({.workers = 1, .cancel_grace = 300ms});
  BusyMarker done("large-request");
  auto busy = std::async(std::launch::async, [&] {
    return pybridge::call<long>("pybridge_faults.busy_until", done.path);
  });
  ASSERT_TRUE(eventually([] { return pybridge::pool_stats().workers[0].inflight == 1; }));
  std::string big(8 << 20, 'a');
  auto start = Clock::now();
  try {
    pybridge::ScopedTimeout timeout(300ms);
    pybridge::call<long>("len", big);
    ADD_FAILURE() << "no timeout; returned after " << ms_since(start) << " ms";
  } catch (const pybridge::TimeoutError &error) {
    // Given up at its own deadline, not when the busy worker came to read it.
    EXPECT_EQ(busy.wait_for(0ms), std::future_status::timeout) << error.what();
    EXPECT_NE(std::string(error.what()).find("waited behind another call"), std::string::npos)
        << error.what();
  }
  done.set();
  EXPECT_GT(busy.get(), 0);
  EXPECT_EQ(pybridge::call<long>("len", big), 8 << 20); // the worker took no half request
  EXPECT_EQ(pybridge::pool_stats().restarts, 0u);
}

// A stream's timeout covers the whole loop, a slow consumer included
// (items already received used to be readable forever).
TEST_F(DeadlineTest, StreamTimeoutLimitsASlowConsumer) {
  start({.workers = 1});
  int before = worker_pid(0);
  long seen = 0;
  auto start = Clock::now();
  try {
    pybridge::ScopedTimeout timeout(300ms);
    for (long n : pybridge::call<pybridge::Stream<long>>("pybridge_faults.count_up", 30)) {
      seen = n + 1;
      std::this_thread::sleep_for(100ms);
    }
    ADD_FAILURE() << "no timeout; " << seen << " items in " << ms_since(start) << " ms";
  } catch (const pybridge::TimeoutError &) {
  }
  EXPECT_LT(seen, 10); // of 30: the slow loop was cut short (a slower machine reads fewer)
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.pid"), before);
}

using StreamReleaseTest = RuntimeTest;

// Objects in stream items nobody will read (in flight when the loop left, or
// when it timed out) are released on the worker.
TEST_F(StreamReleaseTest, LeavingAStreamOfObjectsEarlyReleasesTheItemsInFlight) {
  start({.workers = 1});
  {
    pybridge::Object counter = pybridge::call("pybridge_faults.Counter", 1);
    {
      auto stream =
          pybridge::call<pybridge::Stream<pybridge::Object>>("itertools.repeat", counter, 2000);
      for (const pybridge::Object &item : stream) {
        (void)item; // the worker waits for the host after it: nothing more is produced
        break;
      }
    }
    EXPECT_EQ(pybridge::call<long>("pybridge_faults.objects_held"), 1) << "only `counter`";
  }
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.objects_held"), 0);
}

TEST_F(StreamReleaseTest, TimedOutStreamOfObjectsReleasesTheItemsInFlight) {
  start({.workers = 1});
  pybridge::Object counter = pybridge::call("pybridge_faults.Counter", 1);
  try {
    pybridge::ScopedTimeout timeout(300ms);
    for (const pybridge::Object &item :
         pybridge::call<pybridge::Stream<pybridge::Object>>("itertools.repeat", counter, 100000)) {
      (void)item;
      std::this_thread::sleep_for(100ms);
    }
    ADD_FAILURE() << "no timeout";
  } catch (const pybridge::TimeoutError &) {
  }
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.objects_held"), 1) << "only `counter`";
}

} // namespace
