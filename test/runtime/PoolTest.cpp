// The worker pool: size from options and environment, private sockets,
// least-busy choice, worker output in the log.
#include "RuntimeTestSupport.hpp"
#include <pybridge/config.hpp>
#include <pybridge/future.hpp>
#include <pybridge/telemetry.hpp>

#include <filesystem>
#include <fstream>
#include <future>
#include <set>
#include <sys/stat.h>

namespace {

using namespace pybridge_test;

using PoolTest = RuntimeTest;

TEST_F(PoolTest, SizeComesFromOptions) {
  start({.workers = 3});
  auto stats = pybridge::pool_stats();
  ASSERT_EQ(stats.size, 3);
  std::set<int> pids;
  for (const auto &worker : stats.workers) {
    EXPECT_TRUE(worker.alive);
    EXPECT_TRUE(process_running(worker.pid));
    pids.insert(worker.pid);
  }
  EXPECT_EQ(pids.size(), 3u);
  EXPECT_EQ(stats.restarts, 0u);
}

TEST_F(PoolTest, SizeComesFromEnvironmentWhenOptionsLeaveItUnset) {
  ScopedEnv workers("PYBRIDGE_WORKERS", "2");
  start({});
  EXPECT_EQ(pybridge::pool_stats().size, 2);
}

TEST_F(PoolTest, BadEnvironmentIsASetupError) {
  ScopedEnv workers("PYBRIDGE_WORKERS", "many");
  pybridge::configure({});
  EXPECT_THROW(pybridge::call<long>("pybridge_faults.pid"), pybridge::SetupError);
}

TEST_F(PoolTest, NoPoolBeforeFirstCallNorAfterShutdown) {
  EXPECT_EQ(pybridge::pool_stats().size, 0);
  start({.workers = 1});
  EXPECT_EQ(pybridge::pool_stats().size, 1);
  pybridge::shutdown();
  EXPECT_EQ(pybridge::pool_stats().size, 0);
}

TEST_F(PoolTest, SocketsLiveInAPrivateDirectory) {
  start({.workers = 2});
  for (int i = 0; i < 2; ++i) {
    std::string fast_lane = argument_after(worker_pid(i), "--fast-lane");
    ASSERT_FALSE(fast_lane.empty());
    std::string dir = fast_lane.substr(0, fast_lane.rfind('/'));
    struct stat info {};
    ASSERT_EQ(::stat(dir.c_str(), &info), 0) << dir;
    EXPECT_EQ(info.st_mode & 0777, 0700u) << dir;
    EXPECT_EQ(info.st_uid, ::getuid());
  }
}

TEST_F(PoolTest, SocketDirectoryIsRemovedAtShutdown) {
  start({.workers = 1});
  std::string fast_lane = argument_after(worker_pid(0), "--fast-lane");
  std::string dir = fast_lane.substr(0, fast_lane.rfind('/'));
  pybridge::shutdown();
  struct stat info {};
  EXPECT_NE(::stat(dir.c_str(), &info), 0) << dir << " is still there";
}

TEST_F(PoolTest, FreeCallsGoToAnIdleWorker) {
  start({.workers = 2});
  // One worker is busy for a while; every call meanwhile goes to the other one.
  auto busy = std::async(std::launch::async,
                         [] { return pybridge::call<long>("pybridge_faults.sleep_pid", 1.0); });
  ASSERT_TRUE(eventually([] {
    auto stats = pybridge::pool_stats();
    return stats.workers[0].inflight + stats.workers[1].inflight == 1;
  }));
  auto stats = pybridge::pool_stats();
  int idle = stats.workers[0].inflight == 0 ? stats.workers[0].pid : stats.workers[1].pid;
  for (int i = 0; i < 10; ++i)
    EXPECT_EQ(pybridge::call<long>("pybridge_faults.pid"), idle);
  EXPECT_NE(busy.get(), idle);
}

TEST_F(PoolTest, IdleWorkersShareTheLoad) {
  start({.workers = 3});
  std::set<long> seen;
  for (int i = 0; i < 12; ++i)
    seen.insert(pybridge::call<long>("pybridge_faults.pid"));
  EXPECT_EQ(seen.size(), 3u);
}

TEST_F(PoolTest, WorkerOutputGoesToTheLog) {
  start({.workers = 1});
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.say", "hello from python"), 17);
  EXPECT_TRUE(eventually([&] { return log.contains("worker 0: out: hello from python"); }))
      << log.all();
  EXPECT_TRUE(eventually([&] { return log.contains("worker 0: err: hello from python"); }))
      << log.all();
}

TEST_F(PoolTest, WorkersStartInParallel) {
  // Workers whose interpreter sleeps 0.8 s before starting: four are ready well before four
  // times what one takes (measured in the same run, so a loaded machine slows both).
  std::string wrapper = ::testing::TempDir() + "slow-python.sh";
  {
    std::ofstream script(wrapper);
    script << "#!/bin/sh\nsleep 0.8\nexec " << PYBRIDGE_TEST_PYTHON << " \"$@\"\n";
  }
  ::chmod(wrapper.c_str(), 0700);
  auto time_start = [&](int workers) {
    pybridge::shutdown();
    auto begin = std::chrono::steady_clock::now();
    start({.workers = workers, .python = wrapper});
    return std::chrono::steady_clock::now() - begin;
  };
  auto one = time_start(1);
  auto four = time_start(4);
  EXPECT_EQ(pybridge::pool_stats().size, 4);
  EXPECT_GE(four, 800ms);
  // One after the other would take 4x; started together, the sleeps overlap and so does
  // the interpreters' start-up (two cores: at most 2x).
  EXPECT_LT(four, 3 * one) << "one worker: " << one.count() << " ns";
}

TEST_F(PoolTest, FirstCallIsServedByTheFirstWorkerReady) {
  // One worker's interpreter takes 5 s longer to start: the first call does not wait for it
  // (it is not ready yet when the call returns), and it joins the pool when ready.
  auto dir = std::filesystem::path(::testing::TempDir()) /
             ("pybridge-firstready-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto script = dir / "python";
  std::ofstream(script) << "#!/bin/sh\n"
                        << "if mkdir " << (dir / "slow").string() << " 2>/dev/null; then\n"
                        << "  sleep 5\n"
                        << "fi\n"
                        << "exec " PYBRIDGE_TEST_PYTHON " \"$@\"\n";
  std::filesystem::permissions(script, std::filesystem::perms::owner_all);
  pybridge::configure({.workers = 2, .python = script.string(), .log = log.sink()});
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.add", 2, 3), 5);
  auto stats = pybridge::pool_stats();
  ASSERT_EQ(stats.size, 2);
  EXPECT_NE(stats.workers[0].alive, stats.workers[1].alive);
  EXPECT_TRUE(eventually(
      [] {
        auto stats = pybridge::pool_stats();
        return stats.workers[0].alive && stats.workers[1].alive;
      },
      30s));
  EXPECT_EQ(pybridge::pool_stats().restarts, 0u);
  pybridge::shutdown();
  std::filesystem::remove_all(dir);
}

} // namespace
