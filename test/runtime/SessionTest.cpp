// Sessions pin calls and their objects to one worker; closing one drops its
// objects there. Object handles are released once, when the last copy dies.
#include "RuntimeTestSupport.hpp"
#include <pybridge/session.hpp>
#include <pybridge/telemetry.hpp>

#include <atomic>
#include <set>

namespace {

using namespace pybridge_test;

using SessionTest = RuntimeTest;

long held() { return pybridge::call<long>("pybridge_faults.objects_held"); }

TEST_F(SessionTest, CallsInASessionStayOnOneWorker) {
  start({.workers = 3});
  pybridge::Session session;
  EXPECT_EQ(session.worker(), -1); // chosen at the first call
  std::set<long> pids;
  {
    pybridge::Session::Scope scope(session);
    for (int i = 0; i < 12; ++i)
      pids.insert(pybridge::call<long>("pybridge_faults.pid"));
  }
  ASSERT_EQ(pids.size(), 1u);
  ASSERT_GE(session.worker(), 0);
  EXPECT_EQ(*pids.begin(), worker_pid(session.worker()));
  // Outside the session, calls spread over the pool again.
  std::set<long> spread;
  for (int i = 0; i < 12; ++i)
    spread.insert(pybridge::call<long>("pybridge_faults.pid"));
  EXPECT_EQ(spread.size(), 3u);
}

TEST_F(SessionTest, RunMakesTheSessionCurrentForOneCallable) {
  start({.workers = 3});
  pybridge::Session session;
  long first = session.run([] { return pybridge::call<long>("pybridge_faults.pid"); });
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(session.run([] { return pybridge::call<long>("pybridge_faults.pid"); }), first);
}

TEST_F(SessionTest, ScopesNestAndRestore) {
  start({.workers = 3});
  std::vector<std::uint64_t> sessions; // of each finished call, from telemetry
  auto id = pybridge::telemetry::add_handler([&](const pybridge::telemetry::Event &event) {
    if (event.phase == pybridge::telemetry::Phase::Stop)
      sessions.push_back(event.session);
  });
  pybridge::Session outer, inner;
  {
    pybridge::Session::Scope outer_scope(outer);
    pybridge::call<long>("pybridge_faults.pid");
    {
      pybridge::Session::Scope inner_scope(inner);
      pybridge::call<long>("pybridge_faults.pid");
    }
    pybridge::call<long>("pybridge_faults.pid");
  }
  pybridge::call<long>("pybridge_faults.pid");
  pybridge::telemetry::remove_handler(id);
  EXPECT_EQ(sessions, (std::vector<std::uint64_t>{outer.id(), inner.id(), outer.id(), 0}));
  EXPECT_NE(outer.id(), inner.id());
}

TEST_F(SessionTest, ClosingASessionDropsItsObjectsOnTheWorker) {
  start({.workers = 1});
  long before = held();
  pybridge::Object kept;
  {
    pybridge::Session session;
    pybridge::Session::Scope scope(session);
    kept = pybridge::call("pybridge_faults.Counter", 1);
    pybridge::Object other = pybridge::call("pybridge_faults.Counter", 2);
    EXPECT_EQ(held(), before + 2);
    EXPECT_EQ(kept.call<long>("add", 1), 2);
  } // the session closes while `kept` still points at its object
  EXPECT_TRUE(eventually([&] { return held() == before; }));
  EXPECT_THROW(kept.call<long>("add", 1), pybridge::ObjectLost);
  try {
    kept.call<long>("add", 1);
  } catch (const pybridge::ObjectLost &error) {
    EXPECT_NE(std::string(error.what()).find("Session was closed"), std::string::npos)
        << error.what();
  }
  kept = pybridge::Object(); // its release names an id the worker no longer has: ignored
  EXPECT_EQ(held(), before);
}

TEST_F(SessionTest, CallsInAClosedSessionThrow) {
  start({.workers = 1});
  pybridge::Session session;
  session.close();
  pybridge::Session::Scope scope(session);
  EXPECT_THROW(pybridge::call<long>("pybridge_faults.pid"), pybridge::BridgeError);
}

TEST_F(SessionTest, ObjectsAreReleasedWhenTheLastCopyDies) {
  start({.workers = 1});
  long before = held();
  {
    pybridge::Object counter = pybridge::call("pybridge_faults.Counter", 5);
    std::vector<pybridge::Object> copies(3, counter);
    EXPECT_EQ(held(), before + 1);
    copies.clear();
    EXPECT_EQ(held(), before + 1); // `counter` still refers to it
    EXPECT_EQ(counter.call<long>("add", 1), 6);
  }
  // The release rides on the next request to the worker.
  EXPECT_EQ(held(), before);
}

TEST_F(SessionTest, ManyReleasesAreBatched) {
  start({.workers = 1});
  long before = held();
  {
    std::vector<pybridge::Object> counters;
    for (int i = 0; i < 600; ++i)
      counters.push_back(pybridge::call("pybridge_faults.Counter", i));
    EXPECT_EQ(held(), before + 600);
  }
  // Batches of 256 went out as handles died; the rest goes with this call.
  EXPECT_EQ(held(), before);
}

TEST_F(SessionTest, ObjectsOfASessionStayWithItsWorker) {
  start({.workers = 3});
  pybridge::Session session;
  pybridge::Session::Scope scope(session);
  std::vector<pybridge::Object> counters;
  for (int i = 0; i < 6; ++i)
    counters.push_back(pybridge::call("pybridge_faults.Counter", i));
  // Every object lives on the session's worker, so one call can take them all.
  long total = 0;
  for (auto &counter : counters)
    total += counter.call<long>("add", 0);
  EXPECT_EQ(total, 0 + 1 + 2 + 3 + 4 + 5);
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.pid"), worker_pid(session.worker()));
}

TEST_F(SessionTest, MovedSessionKeepsItsObjects) {
  start({.workers = 1});
  long before = held();
  pybridge::Session moved;
  pybridge::Object counter;
  {
    pybridge::Session session;
    counter = session.run([] { return pybridge::call("pybridge_faults.Counter", 3); });
    moved = std::move(session);
  }
  EXPECT_EQ(counter.call<long>("add", 1),
            4); // the moved-from session closed nothing
  moved.close();
  EXPECT_TRUE(eventually([&] { return held() == before; }));
}

// Closing a session while another thread calls in it leaves nothing on the
// worker once every handle is gone (a reply racing the close used to register objects whose
// handles then skipped their release).
TEST_F(SessionTest, CloseRacingCallsLeaksNothing) {
  start({.workers = 1});
  long before = held();
  for (int round = 0; round < 20; ++round) {
    pybridge::Session session;
    std::atomic<bool> go{true};
    std::thread caller([&] {
      pybridge::Session::Scope scope(session);
      std::vector<pybridge::Object> keep;
      try {
        while (go)
          keep.push_back(pybridge::call("pybridge_faults.Counter", 1));
      } catch (const pybridge::BridgeError &) {
      }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(20 + round));
    session.close();
    go = false;
    caller.join();
  }
  EXPECT_EQ(held(), before);
}

} // namespace
