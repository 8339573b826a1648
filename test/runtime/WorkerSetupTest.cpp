// pybridge::on_every_worker: set-ups run on every worker before its first call — running
// workers at once, later ones (restarts, a new pool) when they start.
#include "RuntimeTestSupport.hpp"

#include <pybridge/config.hpp>
#include <pybridge/detail/call.hpp>
#include <pybridge/telemetry.hpp>

#include <atomic>
#include <set>

namespace {

using namespace pybridge_test;

class WorkerSetupTest : public RuntimeTest {
protected:
  void TearDown() override {
    for (auto id : setups)
      pybridge::remove_worker_setup(id);
    RuntimeTest::TearDown();
  }
  void on_every_worker(std::function<void()> setup) {
    setups.push_back(pybridge::on_every_worker(std::move(setup)));
  }
  /// What configure() received on each worker that answered `calls` calls, by pid.
  static std::map<long, std::vector<long>> configured(int calls = 12) {
    std::map<long, std::vector<long>> seen;
    for (int i = 0; i < calls; ++i) {
      auto [pid, values] =
          pybridge::call<std::tuple<long, std::vector<long>>>("pybridge_faults.pid_and_configured");
      seen[pid] = values;
    }
    return seen;
  }

  std::vector<std::uint64_t> setups;
};

TEST_F(WorkerSetupTest, RunsOnEveryWorkerBeforeItsFirstCall) {
  on_every_worker([] { pybridge::call<void>("pybridge_faults.configure", 7); });
  start({.workers = 3});
  auto seen = configured();
  EXPECT_EQ(seen.size(), 3u);
  for (const auto &[pid, values] : seen)
    EXPECT_EQ(values, std::vector<long>{7}) << "worker " << pid;
}

TEST_F(WorkerSetupTest, RunsAtOnceOnRunningWorkers) {
  start({.workers = 3});
  std::atomic<int> runs{0};
  on_every_worker([&] {
    ++runs;
    pybridge::call<void>("pybridge_faults.configure", 8);
  });
  EXPECT_EQ(runs.load(), 3);
  for (const auto &[pid, values] : configured())
    EXPECT_EQ(values, std::vector<long>{8}) << "worker " << pid;
  EXPECT_EQ(runs.load(), 3);
}

TEST_F(WorkerSetupTest, EveryCallOfASetupRunsOnTheWorkerBeingSetUp) {
  start({.workers = 3});
  std::mutex mutex;
  std::multiset<long> pids;
  on_every_worker([&] {
    long pid = pybridge::call<long>("pybridge_faults.pid");
    std::lock_guard lock(mutex);
    pids.insert(pid);
  });
  std::multiset<long> workers;
  for (const auto &worker : pybridge::pool_stats().workers)
    workers.insert(worker.pid);
  EXPECT_EQ(pids, workers);
}

TEST_F(WorkerSetupTest, RunsAgainOnARestartedWorker) {
  on_every_worker([] { pybridge::call<void>("pybridge_faults.configure", 9); });
  start({.workers = 2});
  EXPECT_THROW(pybridge::call<void>("pybridge_faults.kill_self"), pybridge::WorkerLost);
  ASSERT_TRUE(eventually([] {
    auto stats = pybridge::pool_stats();
    return stats.restarts == 1 && stats.workers[0].alive && stats.workers[1].alive;
  }));
  auto seen = configured();
  EXPECT_EQ(seen.size(), 2u);
  for (const auto &[pid, values] : seen)
    EXPECT_EQ(values, std::vector<long>{9}) << "worker " << pid;
}

TEST_F(WorkerSetupTest, ANewPoolRunsThemToo) {
  on_every_worker([] { pybridge::call<void>("pybridge_faults.configure", 10); });
  start({.workers = 2});
  pybridge::shutdown();
  for (const auto &[pid, values] : configured())
    EXPECT_EQ(values, std::vector<long>{10}) << "worker " << pid;
}

TEST_F(WorkerSetupTest, ASetupThatFailsOnARunningWorkerIsNotKept) {
  start({.workers = 2});
  EXPECT_THROW(pybridge::on_every_worker([] {
                 pybridge::call<void>("pybridge_faults.configure_failing", std::string("no model"));
               }),
               pybridge::ValueError);
  for (const auto &[pid, values] : configured())
    EXPECT_TRUE(values.empty()) << "worker " << pid;
}

TEST_F(WorkerSetupTest, ASetupThatFailsOnANewWorkerFailsItsCallAndRunsAgain) {
  std::atomic<int> runs{0};
  on_every_worker([&] {
    if (runs++ == 0)
      throw std::runtime_error("the first run fails");
    pybridge::call<void>("pybridge_faults.configure", 11);
  });
  pybridge::configure({.workers = 2, .log = log.sink()});
  EXPECT_THROW(pybridge::call<long>("pybridge_faults.pid"), std::runtime_error);
  EXPECT_TRUE(log.contains("a pybridge::on_every_worker set-up failed")) << log.all();
  // The call returned once one worker was ready; the other runs the set-up when it serves.
  EXPECT_TRUE(eventually(
      [] {
        auto stats = pybridge::pool_stats();
        return stats.workers[0].alive && stats.workers[1].alive;
      },
      60s));
  for (const auto &[pid, values] : configured())
    EXPECT_EQ(values, std::vector<long>{11}) << "worker " << pid;
  EXPECT_EQ(runs.load(), 3);
}

TEST_F(WorkerSetupTest, ObjectsFromOtherWorkersAreCopied) {
  start({.workers = 3});
  pybridge::Object lm = pybridge::call("pybridge_faults.Counter", 41);
  long home = pybridge::call<long>("pybridge_faults.pid_of", lm);
  on_every_worker([&] { pybridge::call<void>("pybridge_faults.configure", lm); });
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.pid_of", lm), home); // it did not move
  EXPECT_EQ(lm.call<long>("add", 1), 42);
  // Its own worker holds the object itself, the others each a copy.
  std::map<long, long> values;
  for (int i = 0; i < 12; ++i) {
    auto [pid, value] = pybridge::call<std::tuple<long, long>>("pybridge_faults.pid_and_value");
    values[pid] = value;
  }
  ASSERT_EQ(values.size(), 3u);
  for (const auto &[pid, value] : values)
    EXPECT_EQ(value, pid == home ? 42 : 41) << "worker " << pid;
}

TEST_F(WorkerSetupTest, ASetupMayCallStubsThatCheckTheirLibrary) {
  // A stub carries its library's fingerprint: the first call into the library asks a worker
  // for the fingerprint now, and that question must not wait for the set-up that makes the
  // call.
  pybridge::configure({.workers = 2, .log = log.sink()});
  std::string hash = pybridge::call<std::string>("pybridge_agent.fingerprint.library_fingerprint",
                                                 std::string("pybridge_faults"));
  pybridge::shutdown();
  SiteParts library{.module = "pybridge_faults", .hash = hash};
  std::string site = call_site("pybridge_faults.configure", library);
  on_every_worker([site] { pybridge::detail::invoke<void>(site, 13L); });
  EXPECT_EQ(pybridge::detail::invoke<long>(call_site("pybridge_faults.add", library), 1, 2), 3);
  for (const auto &[pid, values] : configured())
    EXPECT_EQ(values, std::vector<long>{13}) << "worker " << pid;
}

TEST_F(WorkerSetupTest, RemovedSetupsDoNotRunOnNewWorkers) {
  start({.workers = 2});
  on_every_worker([] { pybridge::call<void>("pybridge_faults.configure", 12); });
  pybridge::remove_worker_setup(setups.back());
  pybridge::shutdown();
  for (const auto &[pid, values] : configured())
    EXPECT_TRUE(values.empty()) << "worker " << pid;
}

} // namespace
