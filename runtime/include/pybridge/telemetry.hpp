// Telemetry: events for every call, a metrics snapshot, and the state of the
// worker pool.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace pybridge {
#pragma GCC visibility push(default) // exported by the runtime (runtime/CMakeLists.txt)
namespace telemetry {

enum class Phase { Start, Stop, Exception };

/// One call event. The string views live only while the handler runs.
struct Event {
  Phase phase = Phase::Start;
  /// "statistics.median", or the type and method for a call on an object
  /// ("fractions.Fraction.limit_denominator").
  std::string_view target;
  /// From the start to this event (zero for Start).
  std::chrono::nanoseconds duration{0};
  /// Bytes sent and received on the wire, summed over attempts (zero for
  /// Start).
  std::size_t request_bytes = 0;
  std::size_t reply_bytes = 0;
  /// The worker slot that ran the call (-1: none, e.g. a cache hit or not sent
  /// yet).
  int worker = -1;
  /// The session the call ran in (0: none).
  std::uint64_t session = 0;
  /// The result came from the execution cache; no worker ran the call.
  bool cache_hit = false;
  /// Attempts made: more than one when an idempotent call was retried.
  int attempts = 0;
  /// How long the call waited before its worker ran it: for a worker while every worker
  /// restarted, and behind calls sent to its worker before it (estimated from when their
  /// replies arrived). Zero for Start.
  std::chrono::nanoseconds queue_wait{0};
  /// For Exception: what() of the exception the call throws.
  std::string_view error;
};

using Handler = std::function<void(const Event &event)>;

/// Adds a handler for the events of every call in this process; returns an id
/// for remove_handler. Handlers run synchronously on the calling thread (keep
/// them short); an exception thrown by a handler is ignored.
std::uint64_t add_handler(Handler handler);
void remove_handler(std::uint64_t id);

/// Counters since the process started (or reset_metrics()).
struct Metrics {
  std::uint64_t calls = 0;        // calls finished, successfully or not
  std::uint64_t errors = 0;       // calls that threw (any pybridge::Error)
  std::uint64_t timeouts = 0;     // ... of which TimeoutError
  std::uint64_t workers_lost = 0; // ... of which WorkerLost
  std::uint64_t overloaded = 0;   // ... of which Overloaded (not sent: too many waiting)
  std::uint64_t retries = 0;      // further attempts of idempotent calls
  std::uint64_t cache_hits = 0;
  std::uint64_t cache_misses = 0; // cacheable calls that ran on a worker
  std::uint64_t bytes_sent = 0;
  std::uint64_t bytes_received = 0;
  std::uint64_t restarts = 0; // worker restarts by the running pool
  /// Time calls waited before their worker ran them (Event::queue_wait): summed, and the
  /// longest.
  std::chrono::microseconds queue_wait_total{0}, queue_wait_max{0};
  /// Latency of finished calls (upper bounds of histogram buckets, within 19%).
  std::chrono::microseconds p50{0}, p90{0}, p99{0}, max{0};
};
Metrics metrics();
void reset_metrics();

/// The metrics and the pool's state in Prometheus' text exposition format (version 0.0.4),
/// for an HTTP handler a scraper reads: counters (`pybridge_calls_total`, ...), the call
/// latency histogram (`pybridge_call_duration_seconds`), and gauges per worker
/// (`pybridge_worker_inflight{worker="0"}`, ...). docs/runtime.md lists them.
std::string prometheus_text();

} // namespace telemetry

/// One worker slot of the pool.
struct WorkerInfo {
  int index = 0;
  int pid = 0;             // 0 while the slot restarts
  unsigned generation = 0; // incarnations of the slot so far
  int inflight = 0;        // calls sent to it and not answered yet
  bool alive = false;
  std::uint64_t calls = 0;     // calls it finished
  std::uint64_t rss_bytes = 0; // its memory at the last heartbeat (0: not known)
};

/// The pool now; empty (size 0) before the first call and after shutdown().
struct PoolStats {
  int size = 0;
  std::uint64_t restarts = 0;
  std::uint64_t recycled = 0;   // workers replaced by calls, age or memory (Options::recycle_*)
  std::uint64_t hung = 0;       // workers replaced because they did not answer a heartbeat
  std::uint64_t heartbeats = 0; // heartbeats answered
  std::vector<WorkerInfo> workers;
};
PoolStats pool_stats();

#pragma GCC visibility pop
} // namespace pybridge
