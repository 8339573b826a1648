// Telling the out-of-memory killer's SIGKILL apart from another one, where Linux says: the
// oom_kill counter of the process's memory cgroup (v2 memory.events, v1 memory.oom_control).
#pragma once

#include <cstdint>
#include <optional>
#include <sys/types.h>

namespace pybridge::detail {

/// The OOM kills counted in `pid`'s memory cgroup so far; nothing when the counter cannot be
/// read (no memory controller, or no permission).
std::optional<std::uint64_t> cgroup_oom_kills(pid_t pid);

} // namespace pybridge::detail
