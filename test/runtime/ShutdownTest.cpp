// Stopping the runtime while it is used: shutdown() and exit with calls in flight, forked
// children, workers whose children hold their output, workers dying while the pool starts.
#include "RuntimeTestSupport.hpp"
#include <pybridge/config.hpp>
#include <pybridge/future.hpp>
#include <pybridge/stream.hpp>
#include <pybridge/telemetry.hpp>

#include <csignal>
#include <filesystem>
#include <future>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>

extern char **environ;

namespace {

using namespace pybridge_test;
using Clock = std::chrono::steady_clock;

using ShutdownTest = RuntimeTest;

// The calls hold the runtime; shutdown() ends them with WorkerLost instead
// of freeing what they use.
TEST_F(ShutdownTest, CallsInFlightThrowWorkerLost) {
  start({.workers = 2});
  auto plain = std::async(std::launch::async,
                          [] { return pybridge::call<double>("pybridge_faults.sleep", 3.0); });
  auto future = pybridge::call<std::future<double>>("pybridge_faults.sleep", 3.0);
  auto stream = std::async(std::launch::async, [] {
    long seen = 0;
    for (long n : pybridge::call<pybridge::Stream<long>>("pybridge_faults.count_up", -1, 0.05))
      seen = n;
    return seen;
  });
  std::this_thread::sleep_for(300ms);
  auto start = Clock::now();
  pybridge::shutdown();
  EXPECT_THROW(plain.get(), pybridge::WorkerLost);
  EXPECT_THROW(future.get(), pybridge::WorkerLost);
  EXPECT_THROW(stream.get(), pybridge::WorkerLost);
  EXPECT_LT(ms_since(start), 2500);
  // The next call starts a new pool.
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.add", 1, 2), 3);
}

/// Runs the host helper in `mode`; returns its output, and how it ended in `ended`
/// ("exit N", "signal N", or "timeout" after 20 s).
std::string run_helper(const char *mode, std::string &ended) {
  int out[2];
  if (::pipe(out) != 0)
    return {};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  char *argv[] = {const_cast<char *>(PYBRIDGE_TEST_HOST_HELPER), const_cast<char *>(mode), nullptr};
  pid_t host = 0;
  int rc = ::posix_spawn(&host, argv[0], &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  if (rc != 0) {
    ::close(out[0]);
    ended = "not started";
    return {};
  }
  std::string output;
  auto deadline = Clock::now() + 20s;
  for (;;) {
    pollfd pfd{out[0], POLLIN, 0};
    long left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0 || ::poll(&pfd, 1, static_cast<int>(left)) <= 0) {
      ::kill(host, SIGKILL);
      ended = "timeout";
      break;
    }
    char buffer[512];
    ssize_t got = ::read(out[0], buffer, sizeof buffer);
    if (got <= 0)
      break;
    output.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(out[0]);
  int status = 0;
  ::waitpid(host, &status, 0);
  if (ended != "timeout")
    ended = WIFEXITED(status) ? "exit " + std::to_string(WEXITSTATUS(status))
                              : "signal " + std::to_string(WTERMSIG(status));
  return output;
}

// The calls hold the runtime at exit too: a program whose first call was a std::future call returns while
// another one runs; the exit handler stops the runtime, then joins the call's thread.
TEST(ProcessExit, ReturningWithAFutureCallInFlightExitsCleanly) {
  for (int run = 0; run < 3; ++run) {
    std::string ended;
    auto start = Clock::now();
    std::string output = run_helper("future-exit", ended);
    EXPECT_EQ(ended, "exit 0") << output;
    EXPECT_NE(output.find("returning"), std::string::npos) << output;
    EXPECT_LT(ms_since(start), 8000) << output;
  }
}

// A forked child owns nothing of the parent's runtime: it exits without
// touching the parent's workers (it used to hang in exit and kill them), and a call in it
// starts its own runtime.
TEST(ProcessExit, ForkedChildrenLeaveTheParentsWorkersAlone) {
  std::string ended;
  std::string output = run_helper("fork", ended);
  EXPECT_EQ(ended, "exit 0") << output;
  EXPECT_NE(output.find("quiet child: exit 0"), std::string::npos) << output;
  EXPECT_NE(output.find("calling child: exit 7"), std::string::npos) << output;
  EXPECT_NE(output.find("parent: same worker yes, restarts 0"), std::string::npos) << output;
}

/// A worker that started `sleep 30` in a session of its own (so the kill of its group
/// misses it) and that holds the worker's output pipe; the sleep's pid.
long start_detached_grandchild() {
  pybridge::Object popen =
      pybridge::call("subprocess.Popen", std::vector<std::string>{"sleep", "30"},
                     pybridge::kw("start_new_session", true));
  return popen.attr<long>("pid");
}

// The output reader is stopped, not joined until the end of output, which a
// grandchild holding the pipe can delay for as long as it lives.
TEST_F(ShutdownTest, GrandchildHoldingTheOutputDelaysNoRestart) {
  start({.workers = 1});
  long grandchild = start_detached_grandchild();
  EXPECT_THROW(pybridge::call<void>("pybridge_faults.kill_self"), pybridge::WorkerLost);
  auto start = Clock::now();
  EXPECT_GT(pybridge::call<long>("pybridge_faults.pid"), 0);
  EXPECT_LT(ms_since(start), 3000);
  ::kill(static_cast<pid_t>(grandchild), SIGKILL);
}

TEST_F(ShutdownTest, GrandchildHoldingTheOutputDelaysNoShutdown) {
  start({.workers = 1});
  long grandchild = start_detached_grandchild();
  auto start = Clock::now();
  pybridge::shutdown();
  EXPECT_LT(ms_since(start), 3000);
  ::kill(static_cast<pid_t>(grandchild), SIGKILL);
}

// A worker that dies while the others still start is replaced once the
// pool serves (its exit notice used to be dropped: a zombie reported alive).
TEST_F(ShutdownTest, WorkerDyingDuringStartIsReplaced) {
  auto dir = std::filesystem::path(::testing::TempDir()) /
             ("pybridge-startdeath-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto script = dir / "python";
  // The first worker starts 2.5 s late; the second dies 1 s after it started (ready by then).
  std::ofstream(script) << "#!/bin/sh\n"
                        << "if mkdir " << (dir / "first").string() << " 2>/dev/null; then\n"
                        << "  sleep 2.5\n"
                        << "elif mkdir " << (dir / "second").string() << " 2>/dev/null; then\n"
                        << "  ( sleep 1; kill -9 $$ ) &\n"
                        << "fi\n"
                        << "exec " PYBRIDGE_TEST_PYTHON " \"$@\"\n";
  std::filesystem::permissions(script, std::filesystem::perms::owner_all);
  start({.workers = 2, .python = script.string()});
  EXPECT_TRUE(eventually(
      [] {
        auto stats = pybridge::pool_stats();
        if (stats.restarts < 1)
          return false;
        for (const auto &worker : stats.workers)
          if (!worker.alive || !process_running(worker.pid))
            return false;
        return true;
      },
      10s))
      << "restarts " << pybridge::pool_stats().restarts;
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(pybridge::call<long>("pybridge_faults.add", i, 1), i + 1);
  pybridge::shutdown();
  std::filesystem::remove_all(dir);
}

// The interpreter may be a name looked up in PATH, as users write it.
TEST_F(ShutdownTest, PythonIsLookedUpInPath) {
  auto dir =
      std::filesystem::path(::testing::TempDir()) / ("pybridge-path-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::filesystem::create_symlink(PYBRIDGE_TEST_PYTHON, dir / "pybridge-test-python3");
  const char *path = std::getenv("PATH");
  ScopedEnv search("PATH", dir.string() + ":" + (path ? path : ""));
  start({.workers = 1, .python = "pybridge-test-python3"});
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.add", 2, 2), 4);
  pybridge::shutdown();
  std::filesystem::remove_all(dir);
}

} // namespace
