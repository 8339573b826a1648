// Workers die with their host, even after kill -9 of the host: no Python
// process, and no process a worker started, stays behind.
#include "RuntimeTestSupport.hpp"
#include <pybridge/config.hpp>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <spawn.h>
#include <sys/wait.h>

extern char **environ;

namespace {

using namespace pybridge_test;

/// Starts the host helper in `mode`; its output as a stream, and its pid.
FILE *start_host(const char *mode, pid_t &host) {
  int out[2];
  if (::pipe(out) != 0)
    return nullptr;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  char *argv[] = {const_cast<char *>(PYBRIDGE_TEST_HOST_HELPER), const_cast<char *>(mode), nullptr};
  int rc = ::posix_spawn(&host, argv[0], &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  return rc == 0 ? ::fdopen(out[0], "r") : nullptr;
}

TEST(HostDeath, AWorkerThatIgnoresSigioInCDiesWithItsHost) {
  pid_t host = 0;
  FILE *lines = start_host("ignore-sigio", host);
  ASSERT_NE(lines, nullptr);
  int worker = 0, still = 0;
  char buffer[256];
  bool ready = false;
  while (!ready && std::fgets(buffer, sizeof buffer, lines)) {
    std::sscanf(buffer, "worker %d", &worker);
    std::sscanf(buffer, "still %d", &still);
    ready = std::string_view(buffer).starts_with("ready");
  }
  ASSERT_TRUE(ready) << "the host helper did not start its worker";
  EXPECT_EQ(still, worker) << "the worker died with the thread that started the pool";
  ASSERT_TRUE(process_running(worker));

  ::kill(host, SIGKILL);
  ::waitpid(host, nullptr, 0);
  std::fclose(lines);
  // Neither SIGIO nor the lifeline's thread can end it: the kernel's parent-death signal.
  EXPECT_TRUE(eventually([worker] { return !process_running(worker); }, 5000ms))
      << "worker " << worker << " outlived its host";
  if (process_running(worker))
    ::kill(worker, SIGKILL);
}

TEST(HostDeath, KillNineOfTheHostLeavesNoWorkerBehind) {
  int out[2];
  ASSERT_EQ(::pipe(out), 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  char *argv[] = {const_cast<char *>(PYBRIDGE_TEST_HOST_HELPER), nullptr};
  pid_t host = 0;
  ASSERT_EQ(::posix_spawn(&host, argv[0], &actions, nullptr, argv, environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);

  std::vector<int> workers, children;
  FILE *lines = ::fdopen(out[0], "r");
  char buffer[256];
  bool ready = false;
  while (!ready && std::fgets(buffer, sizeof buffer, lines)) {
    int pid = 0;
    if (std::sscanf(buffer, "worker %d", &pid) == 1)
      workers.push_back(pid);
    if (std::sscanf(buffer, "child %d", &pid) == 1)
      children.push_back(pid);
    ready = std::string_view(buffer).starts_with("ready");
  }
  ASSERT_TRUE(ready) << "the host helper did not start its workers";
  ASSERT_EQ(workers.size(), 2u);
  ASSERT_EQ(children.size(), 2u);
  std::string socket_dir = socket_dir_of(workers[0]);
  ASSERT_FALSE(socket_dir.empty());
  for (int pid : workers)
    ASSERT_TRUE(process_running(pid));
  for (int pid : children)
    ASSERT_TRUE(process_running(pid));

  ::kill(host, SIGKILL);
  int status = 0;
  ::waitpid(host, &status, 0);
  std::fclose(lines);

  // The kernel closes the host's end of every lifeline: each worker gets SIGIO
  // (the one holding the GIL in C included) and takes its process group along.
  for (int pid : workers) {
    EXPECT_TRUE(eventually([pid] { return !process_running(pid); }, 5000ms))
        << "worker " << pid << " outlived its host";
    EXPECT_TRUE(eventually([pid] { return group_members(pid).empty(); }, 5000ms))
        << "processes remain in worker " << pid << "'s group";
  }
  for (int pid : children)
    EXPECT_TRUE(eventually([pid] { return !process_running(pid); }, 5000ms))
        << "a worker's child " << pid << " outlived the host";

  // Nobody could remove the killed host's socket directory; the next host to start does.
  pybridge::configure({.workers = 1, .log = [](std::string_view) {}});
  pybridge::call<long>("pybridge_faults.pid");
  EXPECT_FALSE(std::filesystem::exists(socket_dir)) << socket_dir << " was left behind";
  pybridge::shutdown();
  pybridge::configure({});
}

} // namespace
