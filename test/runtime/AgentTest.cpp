// The worker agent's behaviour as a C++ program sees it: streams that leave the
// worker free for the loop body's calls, the allowlist, exceptions that resist
// being reported, timeouts that reach imports and library code, attributes read
// fresh, and the drift check's failures.
#include "RuntimeTestSupport.hpp"

#include <pybridge/config.hpp>
#include <pybridge/detail/call.hpp>
#include <pybridge/session.hpp>
#include <pybridge/stream.hpp>
#include <pybridge/telemetry.hpp>

namespace {

using namespace pybridge_test;

using AgentTest = RuntimeTest;

// -- streams: the loop body may call the worker the stream runs on ----------------------------

// In a Session every call goes to the stream's worker: while the host runs the loop
// body it reads no item, and the worker must answer the body's call meanwhile.
TEST_F(AgentTest, LoopBodyCallsTheStreamsWorkerInASession) {
  start({.workers = 2});
  pybridge::Session session;
  pybridge::Session::Scope scope(session);
  auto stream = pybridge::call<pybridge::Stream<std::string>>("itertools.repeat",
                                                              std::string(1000, 'x'), 5000);
  long total = 0, items = 0;
  pybridge::ScopedTimeout timeout(20000ms);
  for (const std::string &item : stream) {
    total += pybridge::call<long>("len", item);
    ++items;
  }
  EXPECT_EQ(items, 5000);
  EXPECT_EQ(total, 5000 * 1000);
  EXPECT_EQ(pybridge::pool_stats().restarts, 0u);
}

// A loop whose body calls the stream's own worker (in a session) can leave early: it ends
// (within a timeout far above what 3000 calls take), and the worker serves on once the stream
// is cancelled.
TEST_F(AgentTest, LeavingALoopWhoseBodyCallsTheWorker) {
  start({.workers = 2});
  pybridge::Session session;
  pybridge::Session::Scope scope(session);
  auto stream = pybridge::call<pybridge::Stream<std::string>>("itertools.repeat",
                                                              std::string(1000, 'x'), 5000);
  long n = 0;
  {
    pybridge::ScopedTimeout timeout(30000ms);
    for (const std::string &item : stream) {
      n += pybridge::call<long>("len", item);
      if (n >= 3000)
        break;
    }
  }
  EXPECT_EQ(n, 3000);
  stream.cancel();
  EXPECT_EQ(pybridge::call<long>("len", std::string("abc")), 3); // the worker serves on
}

// One worker, no session: the body's call goes to the only worker there is.
TEST_F(AgentTest, LoopBodyCallsTheOnlyWorker) {
  start({.workers = 1});
  auto stream = pybridge::call<pybridge::Stream<long>>("pybridge_faults.count_up", -1);
  long sum = 0;
  for (long item : stream) {
    sum += pybridge::call<long>("pybridge_faults.add", item, 1);
    if (item == 999)
      break;
  }
  EXPECT_EQ(sum, 1000 * 1001 / 2);
}

// The generator runs at most a window of items ahead of its consumer (not to the end).
TEST_F(AgentTest, GeneratorRunsOnlyAWindowAheadOfTheLoop) {
  start({.workers = 1});
  pybridge::Session session;
  pybridge::Session::Scope scope(session);
  pybridge::call<long>("pybridge_faults.counted", 0);
  long base = pybridge::call<long>("pybridge_faults.runs");
  auto stream = pybridge::call<pybridge::Stream<long>>(
      "builtins.map", pybridge::attr("pybridge_faults.counted"), pybridge::call("itertools.count"));
  auto first = stream.next();
  ASSERT_TRUE(first.has_value());
  // The worker steps a stream that can go on before it serves each call: once two calls in
  // a row read the same count, the generator has stopped, at the credit the host gave (a
  // generator without a limit would add items between any two calls).
  long ran = 0, before = -1;
  for (int calls = 0; ran != before && calls < 1000; ++calls) {
    before = ran;
    ran = pybridge::call<long>("pybridge_faults.runs") - base;
  }
  EXPECT_EQ(ran, before) << "the generator never stopped";
  EXPECT_GE(ran, 1);
  EXPECT_LE(ran, 300) << "the generator ran " << ran << " items ahead of one consumed";
}

// A long stream is consumed whole: the host returns credit as it goes.
TEST_F(AgentTest, LongStreamIsConsumedWhole) {
  start({.workers = 1});
  pybridge::ScopedTimeout timeout(30000ms);
  auto stream = pybridge::call<pybridge::Stream<long>>("builtins.range", 100000);
  long count = 0, last = -1;
  for (long item : stream) {
    EXPECT_EQ(item, last + 1);
    last = item;
    ++count;
  }
  EXPECT_EQ(count, 100000);
}

// A stream item over the message limit is the bridge's failure, not Python's.
TEST_F(AgentTest, StreamItemOverTheMessageLimitIsAConversionError) {
  start({.workers = 1, .max_message_bytes = 100000});
  auto stream = pybridge::call<pybridge::Stream<std::string>>(
      "builtins.map", pybridge::attr("pybridge_faults.text_of_size"), std::vector<long>{200000});
  EXPECT_THROW(stream.collect(), pybridge::ConversionError);
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.add", 1, 1), 2);
}

// -- the allowlist -----------------------------------------------------------------------------

TEST_F(AgentTest, BuiltinsAreOutsideAnAllowlistThatDoesNotNameThem) {
  start({.workers = 1, .allow = {"math", "pybridge_faults"}});
  EXPECT_THROW(pybridge::call<pybridge::Object>("os.getcwd"), pybridge::SetupError);
  EXPECT_THROW(pybridge::call<pybridge::Object>("__import__", std::string("os")),
               pybridge::SetupError);
  EXPECT_THROW(pybridge::call<void>("exec", std::string("import os")), pybridge::SetupError);
  EXPECT_THROW(pybridge::call<long>("len", std::string("abc")), pybridge::SetupError);
  EXPECT_EQ(pybridge::call<double>("math.sqrt", 16.0), 4.0);
}

TEST_F(AgentTest, TheBuiltinsEntryAdmitsAllButTheGuardedOnes) {
  start({.workers = 1, .allow = {"builtins", "pybridge_faults"}});
  EXPECT_EQ(pybridge::call<long>("len", std::string("abc")), 3);
  EXPECT_THROW(pybridge::call<void>("exec", std::string("import os")), pybridge::SetupError);
  EXPECT_THROW(pybridge::call<pybridge::Object>("open", std::string("/etc/hostname")),
               pybridge::SetupError);
}

TEST_F(AgentTest, ModulesImportedByAnAllowedModuleAreNotReachableThroughIt) {
  start({.workers = 1, .allow = {"pathlib", "pybridge_faults"}});
  EXPECT_THROW(pybridge::call<long>("os.getpid"), pybridge::SetupError);
  EXPECT_THROW(pybridge::call<long>("pathlib.os.getpid"), pybridge::SetupError);
  EXPECT_EQ(pybridge::call<pybridge::Object>("pathlib.PurePosixPath", std::string("a/b"))
                .attr<std::string>("name"),
            "b");
}

// The drift check's query for a module outside the allowlist, or one that does not
// import, fails as a call into it would: SetupError.
TEST_F(AgentTest, DriftCheckFailuresAreSetupErrors) {
  start({.workers = 1, .allow = {"math", "pybridge_faults"}});
  EXPECT_THROW(
      pybridge::detail::invoke<long>(call_site("os.getpid", {.module = "os", .hash = "abc"})),
      pybridge::SetupError);
  EXPECT_THROW(pybridge::detail::invoke<long>(
                   call_site("nosuchmodule_xyz.f", {.module = "nosuchmodule_xyz", .hash = "abc"})),
               pybridge::SetupError);
}

// -- exceptions that resist being reported --------------------------------------------------------

TEST_F(AgentTest, ExceptionMessageWithALoneSurrogate) {
  start({.workers = 1});
  try {
    pybridge::call<void>("exec", std::string("raise ValueError(chr(0xdc80))"));
    ADD_FAILURE() << "no exception";
  } catch (const pybridge::ValueError &error) {
    EXPECT_NE(std::string(error.what()).find("\\udc80"), std::string::npos) << error.what();
  }
  EXPECT_EQ(pybridge::pool_stats().restarts, 0u);
}

TEST_F(AgentTest, ExceptionWhoseStrRaises) {
  start({.workers = 1});
  try {
    pybridge::call<void>("exec", std::string("class E(Exception):\n"
                                             "  def __str__(self): raise RuntimeError('no')\n"
                                             "raise E()"));
    ADD_FAILURE() << "no exception";
  } catch (const pybridge::PythonError &error) {
    EXPECT_EQ(error.type(), "E");
  }
  EXPECT_EQ(pybridge::pool_stats().restarts, 0u);
}

// -- timeouts reach everything a call runs
// ----------------------------------------------------------

TEST_F(AgentTest, SlowImportTimesOutAndTheWorkerServesOn) {
  start({.workers = 1, .cancel_grace = 500ms});
  try {
    pybridge::ScopedTimeout timeout(500ms);
    pybridge::call<long>("pybridge_slow_import.f");
    ADD_FAILURE() << "no timeout";
  } catch (const pybridge::TimeoutError &error) {
    EXPECT_EQ(std::string(error.what()).find("restarted"), std::string::npos) << error.what();
  }
  EXPECT_EQ(pybridge::pool_stats().restarts, 0u);
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.add", 1, 1), 2);
}

TEST_F(AgentTest, TimeoutIsNotSwallowedByExceptException) {
  start({.workers = 1, .cancel_grace = 1000ms});
  try {
    pybridge::ScopedTimeout timeout(500ms);
    pybridge::call<void>("exec", std::string("import time\n"
                                             "for i in range(40):\n"
                                             "    try:\n"
                                             "        time.sleep(0.1)\n"
                                             "    except Exception:\n"
                                             "        pass\n"));
    ADD_FAILURE() << "no timeout";
  } catch (const pybridge::TimeoutError &error) {
    EXPECT_EQ(std::string(error.what()).find("restarted"), std::string::npos) << error.what();
  }
  EXPECT_EQ(pybridge::pool_stats().restarts, 0u);
}

// -- attributes are read when asked
// -------------------------------------------------------------------

TEST_F(AgentTest, ModuleAttributeIsReadFresh) {
  start({.workers = 1});
  pybridge::call<long>("pybridge_faults.counted", 1);
  long first = pybridge::attr<long>("pybridge_faults._runs");
  pybridge::call<long>("pybridge_faults.counted", 1);
  pybridge::call<long>("pybridge_faults.counted", 1);
  EXPECT_EQ(pybridge::attr<long>("pybridge_faults._runs"), first + 2);
}

} // namespace
