// Agents (or other Python programs) serving gRPC on loopback TCP, for the remote tests.
#pragma once

#include "RuntimeTestSupport.hpp"

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>

extern char **environ;

namespace pybridge_test {

/// A loopback port nobody listens on now.
inline int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

/// Whether something accepts connections on the loopback port.
inline bool accepts(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = ::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
  ::close(fd);
  return ok;
}

/// Starts the test interpreter with `args` (the agent and the fixtures importable, and
/// `env` added to the environment); its pid.
inline pid_t spawn_python(const std::vector<std::string> &args,
                          const std::vector<std::pair<const char *, std::string>> &env = {}) {
  std::vector<std::string> all = {PYBRIDGE_TEST_PYTHON};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char *> argv;
  for (auto &arg : all)
    argv.push_back(arg.data());
  argv.push_back(nullptr);
  const char *path = std::getenv("PYTHONPATH");
  ScopedEnv python_path("PYTHONPATH", std::string(PYBRIDGE_TEST_AGENT_PATH) +
                                          (path ? std::string(":") + path : ""));
  std::vector<std::unique_ptr<ScopedEnv>> added;
  for (const auto &[name, value] : env)
    added.push_back(std::make_unique<ScopedEnv>(name, value));
  pid_t pid = 0;
  EXPECT_EQ(::posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ), 0);
  return pid;
}

inline void kill_and_reap(pid_t pid) {
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
}

} // namespace pybridge_test
