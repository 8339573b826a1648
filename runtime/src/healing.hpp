// How the pool heals itself: a bound on waiting calls, recycling of workers by calls, age and
// memory, heartbeats of idle workers, and backoff for a slot whose worker keeps failing to
// start (docs/runtime.md, "Failure and security model").
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace pybridge::detail {

struct HealingPolicy {
  /// Calls in flight beyond one per worker before new calls throw Overloaded (0: no bound).
  std::size_t max_queue = 0;
  /// A worker is recycled (replaced between calls) after this many calls, this age, or once
  /// it uses this much memory (0: never).
  std::uint64_t recycle_calls = 0;
  std::chrono::milliseconds recycle_age{0};
  std::size_t recycle_rss = 0;
  /// An idle worker is probed this often (0: never), and replaced when it does not answer
  /// within `heartbeat_timeout`.
  std::chrono::milliseconds heartbeat{0};
  std::chrono::milliseconds heartbeat_timeout{0};
};

} // namespace pybridge::detail
