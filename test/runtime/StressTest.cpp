// Load: many threads at once, and many calls without growth in descriptors,
// processes or memory (host and workers).
#include "RuntimeTestSupport.hpp"
#include <pybridge/config.hpp>
#include <pybridge/session.hpp>
#include <pybridge/telemetry.hpp>

#include <atomic>

namespace {

using namespace pybridge_test;

using StressTest = RuntimeTest;

TEST_F(StressTest, SixteenThreadsAtOnce) {
  start({.workers = 2});
  constexpr int kThreads = 16, kCalls = 200;
  std::atomic<int> wrong{0}, failed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kCalls; ++i) {
        try {
          if (pybridge::call<long>("pybridge_faults.add", t * 1000, i) != t * 1000 + i)
            ++wrong;
          auto text =
              pybridge::call<std::string>("pybridge_faults.echo", "thread " + std::to_string(t));
          if (text != "thread " + std::to_string(t))
            ++wrong;
        } catch (const std::exception &) {
          ++failed;
        }
      }
    });
  }
  for (auto &thread : threads)
    thread.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(pybridge::pool_stats().restarts, 0u);
}

TEST_F(StressTest, SixteenThreadsWithSessionsAndObjects) {
  start({.workers = 2});
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&, t] {
      pybridge::Session session;
      pybridge::Session::Scope scope(session);
      pybridge::Object counter = pybridge::call("pybridge_faults.Counter", t);
      for (int i = 1; i <= 50; ++i)
        if (counter.call<long>("add", 1) != t + i)
          ++wrong;
    });
  }
  for (auto &thread : threads)
    thread.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST_F(StressTest, TenThousandCallsLeakNothing) {
  start({.workers = 2});
  auto round = [] {
    for (int i = 0; i < 1000; ++i) {
      pybridge::call<long>("pybridge_faults.add", i, 1);
      pybridge::Object counter = pybridge::call("pybridge_faults.Counter", i);
      counter.call<long>("add", 1);
    }
  };
  round(); // warm up: connections, caches, allocator arenas
  std::size_t fds = open_fds(), children = child_count();
  long host_rss = rss_kib(::getpid());
  long worker_rss[2] = {rss_kib(worker_pid(0)), rss_kib(worker_pid(1))};
  long held = pybridge::call<long>("pybridge_faults.objects_held");

  for (int r = 0; r < 10; ++r)
    round(); // 10,000 free calls, 10,000 objects, 10,000 methods

  // No growth beyond one spare connection per worker: a call that finds the worker's idle
  // connection lent to a heartbeat opens another, which the worker keeps (bounded by how many
  // use a worker at once, not by the number of calls; a leak would show thousands).
  EXPECT_LE(open_fds_settled(fds), fds + 2);
  EXPECT_LE(child_count(), children);
  EXPECT_EQ(pybridge::pool_stats().restarts, 0u);
  EXPECT_LT(rss_kib(::getpid()) - host_rss, 4 * 1024) << "host RSS grew";
  for (int i = 0; i < 2; ++i)
    EXPECT_LT(rss_kib(worker_pid(i)) - worker_rss[i], 4 * 1024) << "worker " << i << " RSS grew";
  // Every object was released: the worker holding them holds no more than
  // before.
  long now_held = 0;
  for (int i = 0; i < 4; ++i)
    now_held = pybridge::call<long>("pybridge_faults.objects_held");
  EXPECT_LE(now_held, held);
}

TEST_F(StressTest, RepeatedShutdownLeavesNoProcessOrDescriptor) {
  pybridge::configure({.workers = 2, .log = log.sink()});
  pybridge::call<long>("pybridge_faults.pid");
  pybridge::shutdown();
  std::size_t fds = open_fds(), children = child_count();
  for (int i = 0; i < 5; ++i) {
    pybridge::call<long>("pybridge_faults.pid");
    pybridge::shutdown();
  }
  EXPECT_LE(open_fds(),
            fds); // no growth (a previous test's gRPC may close some late)
  EXPECT_LE(child_count(), children);
}

} // namespace
