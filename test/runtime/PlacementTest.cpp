// Where calls run: one thread's objects share its home worker, calls that make no object
// spread over the pool, and objects made on different threads move (pickled) to the worker
// of the call that combines them — or fail clearly when they cannot.
#include "RuntimeTestSupport.hpp"
#include <pybridge/future.hpp>
#include <pybridge/session.hpp>
#include <pybridge/stream.hpp>

#include <future>
#include <optional>
#include <set>

namespace {

using namespace pybridge_test;

using PlacementTest = RuntimeTest;

long pid_of(const pybridge::Object &object) {
  return pybridge::call<long>("pybridge_faults.pid_of", object);
}

pybridge::Object counter(long start) { return pybridge::call("pybridge_faults.Counter", start); }

/// Another thread that makes objects and stays alive (keeping its home worker) until the
/// end of the test.
class OtherThread {
public:
  OtherThread() : thread_([this] { work(); }) {}
  ~OtherThread() {
    {
      std::lock_guard lock(mutex_);
      done_ = true;
    }
    ready_.notify_one();
    thread_.join();
  }
  /// Runs `fn` on the thread and returns its result.
  template <class F> auto run(F fn) {
    std::packaged_task<decltype(fn())()> task(std::move(fn));
    auto result = task.get_future();
    {
      std::lock_guard lock(mutex_);
      task_ = [&task] { task(); };
    }
    ready_.notify_one();
    return result.get();
  }

private:
  void work() {
    std::unique_lock lock(mutex_);
    for (;;) {
      ready_.wait(lock, [&] { return done_ || task_; });
      if (!task_)
        return;
      std::exchange(task_, nullptr)();
    }
  }

  std::mutex mutex_;
  std::condition_variable ready_;
  std::function<void()> task_;
  bool done_ = false;
  std::thread thread_; // last: starts once the rest is ready
};

TEST_F(PlacementTest, ObjectsOfOneThreadShareAWorker) {
  start({.workers = 3});
  std::vector<pybridge::Object> counters;
  std::set<long> pids;
  for (long i = 0; i < 6; ++i) {
    counters.push_back(counter(i));
    pids.insert(pid_of(counters.back()));
  }
  EXPECT_EQ(pids.size(), 1u);
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.total", counters[0], counters[1], counters[2],
                                 counters[3], counters[4], counters[5]),
            0 + 1 + 2 + 3 + 4 + 5);
}

TEST_F(PlacementTest, CallsThatMakeNoObjectStillSpread) {
  start({.workers = 3});
  pybridge::Object home = counter(0);
  std::set<long> pids;
  for (int i = 0; i < 12; ++i)
    pids.insert(pybridge::call<long>("pybridge_faults.pid"));
  EXPECT_EQ(pids.size(), 3u);
}

TEST_F(PlacementTest, ThreadsHaveTheirHomesOnDifferentWorkers) {
  start({.workers = 2});
  pybridge::Object mine = counter(1);
  OtherThread other;
  pybridge::Object theirs = other.run([] { return counter(2); });
  EXPECT_NE(pid_of(mine), pid_of(theirs));
}

TEST_F(PlacementTest, ObjectsOfTwoThreadsMeetInOneCall) {
  start({.workers = 2});
  pybridge::Object mine = counter(1);
  OtherThread other;
  pybridge::Object theirs = other.run([] { return counter(2); });
  long home = pid_of(mine);
  // A tie: the calling thread's home wins, the other object moves there with its state.
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.total", mine, theirs), 3);
  EXPECT_EQ(pid_of(theirs), home);
  EXPECT_EQ(theirs.call<long>("add", 10), 12);
  // Its own thread goes on using it, where it is now.
  EXPECT_EQ(other.run([&] { return theirs.call<long>("add", 1); }), 13);
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.total", mine, theirs), 14);
}

TEST_F(PlacementTest, TheObjectACallIsOnStaysWhereItIs) {
  start({.workers = 2});
  pybridge::Object mine = counter(1);
  OtherThread other;
  pybridge::Object theirs = other.run([] { return counter(2); });
  long theirs_pid = pid_of(theirs);
  EXPECT_EQ(theirs.call<long>("absorb", mine), 3);
  EXPECT_EQ(pid_of(mine), theirs_pid);
}

TEST_F(PlacementTest, AnObjectOthersUseStaysAndTheOtherObjectsComeToIt) {
  start({.workers = 2});
  pybridge::Object mine = counter(1);
  pybridge::call<void>("pybridge_faults.keep", mine); // its worker uses it: a copy would not do
  OtherThread other;
  pybridge::Object theirs = other.run([] { return counter(2); });
  long mine_pid = pid_of(mine);
  EXPECT_EQ(theirs.call<long>("absorb", mine), 3); // `theirs` goes, though the call is on it
  EXPECT_EQ(pid_of(theirs), mine_pid);
  EXPECT_EQ(pid_of(mine), mine_pid);
}

TEST_F(PlacementTest, ObjectsOthersUseOnTwoWorkersDoNotMeet) {
  start({.workers = 2});
  pybridge::Object mine = counter(1);
  pybridge::call<void>("pybridge_faults.keep", mine);
  OtherThread other;
  pybridge::Object theirs = other.run([] {
    pybridge::Object made = counter(2);
    pybridge::call<void>("pybridge_faults.keep", made);
    return made;
  });
  try {
    pybridge::call<long>("pybridge_faults.total", mine, theirs);
    FAIL() << "no BridgeError";
  } catch (const pybridge::BridgeError &error) {
    std::string message = error.what();
    for (const char *part : {"pybridge_faults.Counter object", "cannot move",
                             "compares by identity and other objects on its worker use it"})
      EXPECT_NE(message.find(part), std::string::npos) << part << " not in: " << message;
  }
}

TEST_F(PlacementTest, MovedObjectsLeaveNothingBehind) {
  start({.workers = 2});
  pybridge::Object mine = counter(1);
  OtherThread other;
  auto [moving, staying] = other.run([] { return std::pair(counter(2), counter(3)); });
  long here = pybridge::call<long>("pybridge_faults.held_here", mine);
  long there = pybridge::call<long>("pybridge_faults.held_here", staying);
  pybridge::call<long>("pybridge_faults.total", mine, moving);
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.held_here", mine), here + 1);
  moving = pybridge::Object(); // releases the moved object and the one left behind
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.held_here", mine), here);
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.held_here", staying), there - 1);
}

TEST_F(PlacementTest, AnObjectThatCannotBePickledStaysAndTheOthersComeToIt) {
  start({.workers = 2});
  pybridge::Object mine = counter(1);
  OtherThread other;
  pybridge::Object lock = other.run([] { return pybridge::call("pybridge_faults.Unpicklable"); });
  long lock_pid = pid_of(lock);
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.pid_of", mine, lock), lock_pid);
  EXPECT_EQ(pid_of(mine), lock_pid);
}

TEST_F(PlacementTest, ObjectsThatCannotMoveEitherWayAreAClearError) {
  start({.workers = 2});
  pybridge::Object mine = counter(1);
  pybridge::call<void>("pybridge_faults.keep", mine);
  OtherThread other;
  pybridge::Object lock = other.run([] { return pybridge::call("pybridge_faults.Unpicklable"); });
  long lock_pid = pid_of(lock);
  try {
    pybridge::call<long>("pybridge_faults.pid_of", mine, lock);
    FAIL() << "no BridgeError";
  } catch (const pybridge::BridgeError &error) {
    std::string message = error.what();
    for (const char *part : {"pybridge_faults.Unpicklable object", "cannot move", "cannot pickle",
                             "one thread, or in one pybridge::Session"})
      EXPECT_NE(message.find(part), std::string::npos) << part << " not in: " << message;
  }
  EXPECT_EQ(pid_of(lock), lock_pid); // both still usable where they are
  EXPECT_EQ(mine.call<long>("add", 1), 2);
}

TEST_F(PlacementTest, ObjectsComeToASessionsObjects) {
  start({.workers = 2});
  OtherThread other;
  pybridge::Object theirs = other.run([] { return counter(5); });
  long theirs_pid = pid_of(theirs);
  // A session on the other worker (sessions take the least busy worker, ties rotating).
  std::optional<pybridge::Session> session;
  for (int i = 0; i < 4; ++i) {
    session.emplace();
    if (session->run([] { return pybridge::call<long>("pybridge_faults.pid"); }) != theirs_pid)
      break;
  }
  pybridge::Object kept = session->run([] { return counter(1); });
  ASSERT_NE(pid_of(kept), theirs_pid);
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.total", theirs, kept), 6);
  EXPECT_EQ(pid_of(theirs), pid_of(kept));
}

TEST_F(PlacementTest, ObjectsOfSessionsOnTwoWorkersDoNotMeet) {
  start({.workers = 2});
  pybridge::Session first;
  pybridge::Object a = first.run([] { return counter(1); });
  std::optional<pybridge::Session> second;
  pybridge::Object b;
  for (int i = 0; i < 4 && (!b || pid_of(b) == pid_of(a)); ++i) {
    second.emplace();
    b = second->run([] { return counter(2); });
  }
  ASSERT_NE(pid_of(a), pid_of(b));
  try {
    pybridge::call<long>("pybridge_faults.total", a, b);
    FAIL() << "no BridgeError";
  } catch (const pybridge::BridgeError &error) {
    EXPECT_NE(std::string(error.what()).find("make them in one session"), std::string::npos)
        << error.what();
  }
}

TEST_F(PlacementTest, FutureCallsRunOnTheCallersHome) {
  start({.workers = 3});
  long home = pid_of(counter(0));
  std::vector<std::future<pybridge::Object>> made;
  for (int i = 0; i < 6; ++i)
    made.push_back(pybridge::call<std::future<pybridge::Object>>("pybridge_faults.Counter", i));
  for (auto &future : made)
    EXPECT_EQ(pid_of(future.get()), home);
}

TEST_F(PlacementTest, AStreamOfObjectsRunsOnTheThreadsHome) {
  start({.workers = 3});
  pybridge::Object first = counter(10);
  long home = pid_of(first);
  long sum = 0;
  for (const pybridge::Object &item :
       pybridge::call<pybridge::Stream<pybridge::Object>>("pybridge_faults.counters", 4)) {
    EXPECT_EQ(pid_of(item), home);
    sum += pybridge::call<long>("pybridge_faults.total", first, item);
  }
  EXPECT_EQ(sum, 4 * 10 + 0 + 1 + 2 + 3);
}

TEST_F(PlacementTest, AThreadWhoseHomeDiedGetsANewOne) {
  start({.workers = 2});
  pybridge::Object lost = counter(1);
  EXPECT_THROW(pybridge::call<void>("pybridge_faults.kill_self", lost), pybridge::WorkerLost);
  EXPECT_THROW(pid_of(lost), pybridge::ObjectLost);
  pybridge::Object a = counter(2), b = counter(3);
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.total", a, b), 5);
}

} // namespace
