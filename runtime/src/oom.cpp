#include "oom.hpp"

#include <fstream>
#include <string>
#include <vector>

namespace pybridge::detail {

namespace {
/// The "oom_kill N" line of a cgroup file.
std::optional<std::uint64_t> oom_kill_in(const std::string &file) {
  std::ifstream in(file);
  std::string key;
  std::uint64_t value = 0;
  while (in >> key >> value)
    if (key == "oom_kill")
      return value;
  return std::nullopt;
}
} // namespace

std::optional<std::uint64_t> cgroup_oom_kills(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/cgroup");
  std::vector<std::string> candidates;
  for (std::string line; std::getline(in, line);) {
    // "hierarchy-id:controllers:path"; v2 is "0::path", v1's memory controller "N:memory:path".
    auto first = line.find(':'), second = line.find(':', first + 1);
    if (first == std::string::npos || second == std::string::npos)
      continue;
    std::string controllers = line.substr(first + 1, second - first - 1);
    std::string path = line.substr(second + 1);
    if (controllers.empty()) {
      candidates.push_back("/sys/fs/cgroup" + path + "/memory.events");
      candidates.push_back("/sys/fs/cgroup/unified" + path + "/memory.events");
    } else if (controllers.find("memory") != std::string::npos) {
      candidates.push_back("/sys/fs/cgroup/memory" + path + "/memory.oom_control");
    }
  }
  for (const auto &file : candidates)
    if (auto kills = oom_kill_in(file))
      return kills;
  return std::nullopt;
}

} // namespace pybridge::detail
