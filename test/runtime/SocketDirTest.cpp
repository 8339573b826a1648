// Socket directories of hosts that start at the same moment: each host's own directory must
// survive the others' clean-up of abandoned ones.
#include "socket_dir.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

/// A child host: makes and removes its directory `rounds` times; exit status 1 when a fresh
/// directory was gone before its host removed it.
[[noreturn]] void churn(int rounds) {
  for (int i = 0; i < rounds; ++i) {
    std::string dir = pybridge::detail::make_socket_dir();
    if (!std::filesystem::is_directory(dir) || !std::filesystem::exists(dir + "/lock"))
      std::_Exit(1);
    pybridge::detail::remove_socket_dir(dir);
  }
  std::_Exit(0);
}

TEST(SocketDirTest, HostsStartingTogetherKeepTheirDirectories) {
  std::filesystem::path base = std::filesystem::temp_directory_path() /
                               ("pybridge-socketdir-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(base);
  ::setenv("XDG_RUNTIME_DIR", base.c_str(), 1);
  std::vector<pid_t> hosts;
  for (int i = 0; i < 6; ++i)
    if (pid_t pid = ::fork(); pid == 0)
      churn(300);
    else
      hosts.push_back(pid);
  for (pid_t pid : hosts) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
        << "a host's socket directory was removed by another host";
  }
  ::unsetenv("XDG_RUNTIME_DIR");
  EXPECT_TRUE(std::filesystem::is_empty(base)) << "directories were left in " << base;
  std::filesystem::remove_all(base);
}

} // namespace
