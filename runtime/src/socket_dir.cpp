#include "socket_dir.hpp"

#include <pybridge/errors.hpp>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <map>
#include <mutex>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pybridge::detail {

namespace {
constexpr std::string_view kPrefix = "pybridge-";
constexpr const char *kLock = "/lock";

/// The lock file descriptor of each socket directory this process made.
std::mutex g_locks_mutex;
std::map<std::string, int> &locks() {
  static auto *held = new std::map<std::string, int>; // (used until exit)
  return *held;
}

/// Whether `dir` (a name mkdtemp could have made, owned by this user) was left by a host
/// that is gone: its lock is not held. A directory without a lock is not judged (another
/// version's, or one a starting host just made).
bool abandoned(const std::string &dir) {
  struct stat info {};
  if (::lstat(dir.c_str(), &info) != 0 || !S_ISDIR(info.st_mode) || info.st_uid != ::getuid())
    return false;
  int fd = ::open((dir + kLock).c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    return false;
  bool free = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
  ::close(fd);
  return free;
}

void reclaim_abandoned(const std::string &base) {
  std::error_code error;
  for (const auto &entry : std::filesystem::directory_iterator(base, error)) {
    std::string name = entry.path().filename().string();
    if (name.size() == kPrefix.size() + 6 && name.starts_with(kPrefix) &&
        abandoned(entry.path().string()))
      std::filesystem::remove_all(entry.path(), error);
  }
}

/// mkdtemp under `base` with a held lock in it; empty when `base` does not take one.
std::string locked_dir(const std::string &base) {
  std::string pattern = base + "/" + std::string(kPrefix) + "XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr)
    return {};
  // The lock file appears under its name already locked (made aside, locked, renamed): a
  // host reclaiming at the same moment would otherwise find it unlocked and remove the
  // directory this host is about to use.
  std::string unlocked = pattern + kLock + ".new";
  int fd = ::open(unlocked.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 || ::flock(fd, LOCK_EX | LOCK_NB) != 0 ||
      ::rename(unlocked.c_str(), (pattern + kLock).c_str()) != 0) {
    if (fd >= 0)
      ::close(fd);
    std::error_code ignored;
    std::filesystem::remove_all(pattern, ignored);
    return {};
  }
  std::lock_guard lock(g_locks_mutex);
  locks()[pattern] = fd;
  return pattern;
}
} // namespace

std::string make_socket_dir() {
  const char *runtime_dir = std::getenv("XDG_RUNTIME_DIR");
  for (std::string base :
       {std::string(runtime_dir && *runtime_dir ? runtime_dir : "/tmp"), std::string("/tmp")}) {
    reclaim_abandoned(base);
    if (std::string dir = locked_dir(base); !dir.empty())
      return dir;
  }
  throw SetupError(std::string("cannot create a socket directory: ") + std::strerror(errno));
}

void remove_socket_dir(const std::string &dir) noexcept {
  if (dir.empty())
    return;
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  std::lock_guard lock(g_locks_mutex);
  if (auto found = locks().find(dir); found != locks().end()) {
    ::close(found->second);
    locks().erase(found);
  }
}

} // namespace pybridge::detail
