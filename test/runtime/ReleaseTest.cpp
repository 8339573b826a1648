// Dropping the last copy of an Object never waits for its worker: the release is queued and
// rides on the next call to that worker (or the pool's next heartbeat of it).
#include "RuntimeTestSupport.hpp"

#include <pybridge/pybridge.hpp>

#include <gtest/gtest.h>

#include <csignal>
#include <future>
#include <vector>

namespace {

using namespace std::chrono_literals;
using namespace pybridge_test;

using ReleaseTest = RuntimeTest;

long held() { return pybridge::call<long>("pybridge_faults.objects_held"); }

// A stopped worker reads nothing: sending it hundreds of batches of releases would fill its
// socket and block. The thread dropping the objects must not be the one that waits.
TEST_F(ReleaseTest, DroppingManyObjectsOfAStoppedWorkerReturnsAtOnce) {
  start({.workers = 1});
  long before = held();
  constexpr long kObjects = 200000; // ~780 batches of releases: more than a socket holds
  auto objects = pybridge::call<std::vector<pybridge::Object>>("pybridge_faults.counter_list",
                                                               kObjects);
  ASSERT_EQ(held(), before + kObjects);

  int pid = worker_pid(0);
  ASSERT_EQ(::kill(pid, SIGSTOP), 0);
  auto dropped = std::async(std::launch::async, [&objects] { objects.clear(); });
  // Generous: dropping 200,000 handles takes milliseconds; a destructor that waits for the
  // stopped worker never returns.
  bool returned = dropped.wait_for(60s) == std::future_status::ready;
  ::kill(pid, SIGCONT);
  ASSERT_TRUE(returned) << "dropping objects waited for a stopped worker";
  dropped.get();

  // Once the worker runs again, every release reaches it.
  EXPECT_TRUE(eventually([&] { return held() == before; }, 60s)) << held() << " held";
  EXPECT_EQ(worker_pid(0), pid) << "the worker was not restarted";
}

// A few releases wait for the next call on their worker, which sends them before itself.
TEST_F(ReleaseTest, AFewReleasesRideOnTheNextCall) {
  start({.workers = 1});
  long before = held();
  {
    auto objects =
        pybridge::call<std::vector<pybridge::Object>>("pybridge_faults.counter_list", 10);
    EXPECT_EQ(held(), before + 10);
  }
  EXPECT_EQ(held(), before);
}

} // namespace
