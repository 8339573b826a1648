// Remote workers: agents serving gRPC on loopback TCP, reached through one
// round-robin channel with a Session stream per worker slot.
#include "AgentServers.hpp"

#include <pybridge/ndarray.hpp>
#include <pybridge/session.hpp>
#include <pybridge/stream.hpp>

#include <cstring>
#include <future>
#include <set>

namespace {

using namespace pybridge_test;

class RemoteTest : public RuntimeTest {
protected:
  void SetUp() override {
    RuntimeTest::SetUp();
    for (int i = 0; i < 2; ++i)
      servers_.push_back(spawn_server());
    for (const auto &server : servers_)
      ASSERT_TRUE(eventually([&] { return accepts(server.port); }, 20000ms))
          << "the agent on port " << server.port << " did not start";
  }
  void TearDown() override {
    RuntimeTest::TearDown();
    for (const auto &server : servers_)
      stop(server.pid);
  }

  struct Server {
    pid_t pid;
    int port;
  };
  Server spawn_server(std::vector<std::string> options = {}) {
    int port = free_port();
    std::vector<std::string> argv = {"-m", "pybridge_agent", "serve", "--listen",
                                     "127.0.0.1:" + std::to_string(port)};
    argv.insert(argv.end(), options.begin(), options.end());
    return {spawn_python(argv), port};
  }
  static void stop(pid_t pid) { kill_and_reap(pid); }
  std::string address() const {
    return "ipv4:127.0.0.1:" + std::to_string(servers_[0].port) +
           ",127.0.0.1:" + std::to_string(servers_[1].port);
  }

  std::vector<Server> servers_;
};

TEST_F(RemoteTest, CallsAreBalancedOverTheAddresses) {
  start({.workers = 4, .address = address()});
  std::set<int> stream_pids;
  for (const auto &worker : pybridge::pool_stats().workers)
    stream_pids.insert(worker.pid);
  EXPECT_EQ(stream_pids, (std::set<int>{servers_[0].pid, servers_[1].pid}));
  std::set<long> answered;
  for (int i = 0; i < 16; ++i)
    answered.insert(pybridge::call<long>("pybridge_faults.pid"));
  EXPECT_EQ(answered.size(), 2u);
  for (int i = 0; i < 16; ++i)
    EXPECT_EQ(pybridge::call<long>("pybridge_faults.add", i, 1), i + 1);
}

// Which process a remote worker is comes from its Health answer, not from a call its
// allowlist may refuse: a worker that admits only the fixture reports its pid too.
TEST_F(RemoteTest, AWorkerWhoseAllowlistLeavesOutOsReportsItsPid) {
  Server narrow = spawn_server({"--allow", "pybridge_faults"});
  servers_.push_back(narrow);
  ASSERT_TRUE(eventually([&] { return accepts(narrow.port); }, 20000ms));
  start({.workers = 1, .address = "ipv4:127.0.0.1:" + std::to_string(narrow.port)});
  auto workers = pybridge::pool_stats().workers;
  ASSERT_EQ(workers.size(), 1u);
  EXPECT_EQ(workers[0].pid, narrow.pid);
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.pid"), narrow.pid);
  EXPECT_THROW(pybridge::call<long>("os.getpid"), pybridge::SetupError); // not allowed
}

TEST_F(RemoteTest, AddressComesFromTheEnvironment) {
  ScopedEnv remote("PYBRIDGE_ADDRESS", address());
  start({.workers = 2});
  long pid = pybridge::call<long>("pybridge_faults.pid");
  EXPECT_TRUE(pid == servers_[0].pid || pid == servers_[1].pid) << pid;
}

TEST_F(RemoteTest, SessionsObjectsAndStreams) {
  start({.workers = 4, .address = address()});
  pybridge::Session session;
  pybridge::Session::Scope scope(session);
  long pid = pybridge::call<long>("pybridge_faults.pid");
  long before = pybridge::call<long>("pybridge_faults.objects_held");
  {
    pybridge::Object counter = pybridge::call("pybridge_faults.Counter", 1);
    for (int i = 0; i < 5; ++i)
      EXPECT_EQ(pybridge::call<long>("pybridge_faults.pid"), pid);
    EXPECT_EQ(counter.call<long>("add", 2), 3);
    EXPECT_EQ(pybridge::call<long>("pybridge_faults.objects_held"), before + 1);
  }
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.objects_held"),
            before); // released
  auto numbers = pybridge::call<pybridge::Stream<long>>("pybridge_faults.count_up", 4);
  EXPECT_EQ(numbers.collect(), (std::vector<long>{0, 1, 2, 3}));
}

TEST_F(RemoteTest, LargeArraysTravelInTheMessageNotInSharedMemory) {
  start({.workers = 2, .address = address()});
  // 3 MiB: on the fast lane this would be a memfd segment, which no remote worker can map.
  std::vector<double> values(3 << 17);
  for (std::size_t i = 0; i < values.size(); ++i)
    values[i] = static_cast<double>(i) * 0.5;
  pybridge::NDArray sent = pybridge::NDArray::from(values);
  for (int i = 0; i < 4; ++i) { // both remote workers
    auto copy = pybridge::call<pybridge::NDArray>("numpy.copy", sent);
    ASSERT_EQ(copy.dtype(), "<f8");
    ASSERT_EQ(copy.shape(), sent.shape());
    EXPECT_EQ(std::memcmp(copy.data(), sent.data(), sent.nbytes()), 0);
    // A received array goes back the same way.
    EXPECT_EQ(pybridge::call<pybridge::NDArray>("numpy.copy", copy).bytes(), sent.bytes());
  }
  EXPECT_EQ(pybridge::call<double>("numpy.sum", sent),
            0.5 * (values.size() - 1) * values.size() / 2);
  auto back = pybridge::call<std::vector<double>>("numpy.copy", sent);
  EXPECT_EQ(back, values);
  for (const auto &server : servers_)
    EXPECT_EQ(mappings_of(server.pid).segments, 0u) << "remote worker " << server.pid;
}

TEST_F(RemoteTest, TimeoutCancelsTheCallOnTheRemoteWorker) {
  start({.workers = 2, .address = address()});
  pybridge::Session session;
  pybridge::Session::Scope scope(session);
  long pid = pybridge::call<long>("pybridge_faults.pid");
  {
    pybridge::ScopedTimeout timeout(300ms);
    EXPECT_THROW(pybridge::call<double>("pybridge_faults.sleep", 30.0), pybridge::TimeoutError);
  }
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.pid"),
            pid); // same worker, serving
}

TEST_F(RemoteTest, LostRemoteWorkerFailsItsCallsAndThePoolGoesOn) {
  start({.workers = 2, .address = address()});
  pybridge::Session session;
  long doomed = session.run([] { return pybridge::call<long>("pybridge_faults.pid"); });
  auto slow = std::async(std::launch::async, [&] {
    return session.run([] { return pybridge::call<double>("pybridge_faults.sleep", 30.0); });
  });
  std::this_thread::sleep_for(300ms);
  for (auto &server : servers_)
    if (server.pid == doomed)
      stop(server.pid);
  EXPECT_THROW(slow.get(), pybridge::WorkerLost);
  long survivor = doomed == servers_[0].pid ? servers_[1].pid : servers_[0].pid;
  for (int i = 0; i < 6; ++i)
    EXPECT_EQ(pybridge::call<long>("pybridge_faults.pid"), survivor);
}

TEST_F(RemoteTest, ShutdownIsPromptWhileNoRemoteWorkerAnswers) {
  start({.workers = 1, .address = address()});
  for (auto &server : servers_)
    stop(server.pid);
  // The pool notices the stream end and tries to reconnect, in vain.
  ASSERT_TRUE(eventually([] { return pybridge::pool_stats().restarts >= 1; }));
  auto begin = std::chrono::steady_clock::now();
  pybridge::shutdown();
  EXPECT_LT(std::chrono::steady_clock::now() - begin, 1000ms);
}

} // namespace
