// The telemetry of one call, as the runtime records it (see
// pybridge/telemetry.hpp).
#pragma once

#include "connection.hpp"

#include <pybridge/telemetry.hpp>

#include <exception>
#include <string>
#include <utility>
#include <vector>

namespace pybridge::detail {

/// The latency histogram by powers of two: each bucket's exclusive upper bound
/// (microseconds) and count, and the sum of all latencies (microseconds).
struct LatencyHistogram {
  std::vector<std::pair<std::uint64_t, std::uint64_t>> buckets;
  std::uint64_t sum_us = 0;
};
LatencyHistogram latency_histogram();

/// Emits Start when constructed, and Stop or Exception at the end; feeds the
/// metrics.
class CallRecord {
public:
  /// `type_name` is the type of the object a method is called on (empty for
  /// free calls).
  CallRecord(const v1::CallRequest &request, std::string_view type_name);
  CallRecord(const CallRecord &) = delete;
  CallRecord &operator=(const CallRecord &) = delete;

  void add_bytes(std::size_t sent, std::size_t received) noexcept;
  void set_worker(int index, std::uint64_t session) noexcept;
  void add_queue_wait(std::chrono::nanoseconds wait) noexcept;
  void cache_hit() noexcept;
  void cache_miss() noexcept;
  /// An attempt starts; every one after the first is a retry.
  void attempt() noexcept;

  void stop() noexcept;
  void fail(const std::exception &error) noexcept;

private:
  void finish(telemetry::Phase phase, std::string_view error) noexcept;

  bool observed_;      // handlers were registered at the start
  std::string target_; // filled only when observed
  Clock::time_point start_;
  telemetry::Event event_;
};

} // namespace pybridge::detail
