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
  // One worker is busy until the test is done; every call meanwhile goes to the other one.
  BusyMarker done("free-calls");
  auto busy = std::async(std::launch::async, [&] {
    return pybridge::call<long>("pybridge_faults.busy_until", done.path);
  });
  ASSERT_TRUE(eventually([] {
    auto stats = pybridge::pool_stats();
    return stats.workers[0].inflight + stats.workers[1].inflight == 1;
  }));
  auto stats = pybridge::pool_stats();
  int idle = stats.workers[0].inflight == 0 ? stats.workers[0].pid : stats.workers[1].pid;
  for (int i = 0; i < 10; ++i)
    EXPECT_EQ(pybridge::call<long>("pybridge_faults.pid"), idle);
  done.set();
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
  // Each worker's interpreter waits until all four have been launched: launched one after
  // the other (each waiting for the one before to be ready), the first would wait in vain
  // and give up after 60 s, leaving a mark.
  auto dir = std::filesystem::path(::testing::TempDir()) /
             ("pybridge-parallel-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto wrapper = dir / "python";
  std::ofstream(wrapper) << "#!/bin/sh\n"
                         << "cd " << dir.string() << "\n"
                         << "touch started.$$\n"
                         << "i=0\n"
                         << "while [ $(ls | grep -c '^started') -lt 4 ]; do\n"
                         << "  i=$((i + 1)); [ $i -gt 600 ] && { touch alone; break; }\n"
                         << "  sleep 0.1\n"
                         << "done\n"
                         << "exec " PYBRIDGE_TEST_PYTHON " \"$@\"\n";
  std::filesystem::permissions(wrapper, std::filesystem::perms::owner_all);
  start({.workers = 4, .python = wrapper.string()});
  EXPECT_EQ(pybridge::pool_stats().size, 4);
  EXPECT_FALSE(std::filesystem::exists(dir / "alone")) << "a worker started alone";
  pybridge::shutdown();
  std::filesystem::remove_all(dir);
}

TEST_F(PoolTest, FirstCallIsServedByTheFirstWorkerReady) {
  // One worker's interpreter starts only once the first call has returned: the call does not
  // wait for it, and it joins the pool when ready.
  auto dir = std::filesystem::path(::testing::TempDir()) /
             ("pybridge-firstready-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto script = dir / "python";
  std::ofstream(script) << "#!/bin/sh\n"
                        << "if mkdir " << (dir / "slow").string() << " 2>/dev/null; then\n"
                        << "  i=0\n"
                        << "  while [ ! -e " << (dir / "go").string()
                        << " ] && [ $i -lt 600 ]; do\n"
                        << "    i=$((i + 1)); sleep 0.1\n"
                        << "  done\n"
                        << "fi\n"
                        << "exec " PYBRIDGE_TEST_PYTHON " \"$@\"\n";
  std::filesystem::permissions(script, std::filesystem::perms::owner_all);
  pybridge::configure({.workers = 2, .python = script.string(), .log = log.sink()});
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.add", 2, 3), 5);
  auto stats = pybridge::pool_stats();
  ASSERT_EQ(stats.size, 2);
  EXPECT_NE(stats.workers[0].alive, stats.workers[1].alive);
  std::ofstream(dir / "go").close();
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
