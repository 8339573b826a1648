// Telemetry handlers, the metrics counters and latency histogram, and pool
// statistics.
#include "telemetry_internal.hpp"

#include "runtime.hpp"

#include <pybridge/errors.hpp>

#include <array>
#include <atomic>
#include <bit>
#include <cmath>
#include <mutex>
#include <utility>

namespace pybridge {
namespace detail {

namespace {
using HandlerList = std::vector<std::pair<std::uint64_t, telemetry::Handler>>;

struct Handlers {
  std::mutex mutex;
  std::shared_ptr<const HandlerList> list = std::make_shared<HandlerList>();
  std::atomic<bool> any{false};
  std::uint64_t next_id = 1;
};

Handlers &handlers() {
  static Handlers *instance = new Handlers; // outlives static destructors that make calls
  return *instance;
}

/// Latency buckets: 4 per power of two of microseconds, up to ~2^34 us (4.8
/// hours).
constexpr int kSubBuckets = 4;
constexpr int kBuckets = 35 * kSubBuckets;

int bucket_of(std::uint64_t us) {
  if (us < 1)
    return 0;
  int octave = std::bit_width(us) - 1; // us in [2^octave, 2^(octave+1))
  int sub = octave >= 2 ? static_cast<int>((us >> (octave - 2)) & 3) : 0;
  return std::min(octave * kSubBuckets + sub, kBuckets - 1);
}

std::uint64_t bucket_upper_us(int bucket) {
  int octave = bucket / kSubBuckets, sub = bucket % kSubBuckets;
  double base = std::ldexp(1.0, octave);
  return static_cast<std::uint64_t>(base + base * (sub + 1) / kSubBuckets);
}

struct Counters {
  std::atomic<std::uint64_t> calls{0}, errors{0}, timeouts{0}, workers_lost{0}, overloaded{0},
      retries{0}, cache_hits{0}, cache_misses{0}, bytes_sent{0}, bytes_received{0}, max_us{0},
      queue_wait_us{0}, queue_wait_max_us{0}, latency_sum_us{0};
  std::array<std::atomic<std::uint64_t>, kBuckets> latency{};
};

Counters &counters() {
  static Counters *instance = new Counters;
  return *instance;
}

constexpr auto kRelaxed = std::memory_order_relaxed;

/// Runs every handler registered now; a handler's exception is ignored.
void deliver(const telemetry::Event &event) {
  std::shared_ptr<const HandlerList> list;
  {
    std::lock_guard lock(handlers().mutex);
    list = handlers().list;
  }
  for (const auto &[id, handler] : *list) {
    try {
      handler(event);
    } catch (...) {
    }
  }
}
} // namespace

CallRecord::CallRecord(const v1::CallRequest &request, std::string_view type_name)
    : observed_(handlers().any.load(kRelaxed)), start_(Clock::now()) {
  if (!observed_)
    return;
  target_ =
      type_name.empty() ? request.target() : std::string(type_name) + "." + request.attribute();
  event_.target = target_;
  event_.phase = telemetry::Phase::Start;
  deliver(event_);
}

void CallRecord::add_bytes(std::size_t sent, std::size_t received) noexcept {
  event_.request_bytes += sent;
  event_.reply_bytes += received;
  counters().bytes_sent.fetch_add(sent, kRelaxed);
  counters().bytes_received.fetch_add(received, kRelaxed);
}

void CallRecord::set_worker(int index, std::uint64_t session) noexcept {
  event_.worker = index;
  event_.session = session;
}

void CallRecord::add_queue_wait(std::chrono::nanoseconds wait) noexcept {
  if (wait.count() <= 0)
    return;
  event_.queue_wait += wait;
  auto us = static_cast<std::uint64_t>(wait.count() / 1000);
  Counters &c = counters();
  c.queue_wait_us.fetch_add(us, kRelaxed);
  for (auto seen = c.queue_wait_max_us.load(kRelaxed);
       us > seen && !c.queue_wait_max_us.compare_exchange_weak(seen, us);) {
  }
}

void CallRecord::cache_hit() noexcept {
  event_.cache_hit = true;
  counters().cache_hits.fetch_add(1, kRelaxed);
}

void CallRecord::cache_miss() noexcept { counters().cache_misses.fetch_add(1, kRelaxed); }

void CallRecord::attempt() noexcept {
  if (++event_.attempts > 1)
    counters().retries.fetch_add(1, kRelaxed);
}

void CallRecord::stop() noexcept { finish(telemetry::Phase::Stop, {}); }

void CallRecord::fail(const std::exception &error) noexcept {
  Counters &c = counters();
  c.errors.fetch_add(1, kRelaxed);
  if (dynamic_cast<const TimeoutError *>(&error))
    c.timeouts.fetch_add(1, kRelaxed);
  if (dynamic_cast<const WorkerLost *>(&error))
    c.workers_lost.fetch_add(1, kRelaxed);
  if (dynamic_cast<const Overloaded *>(&error))
    c.overloaded.fetch_add(1, kRelaxed);
  finish(telemetry::Phase::Exception, error.what());
}

void CallRecord::finish(telemetry::Phase phase, std::string_view error) noexcept {
  auto elapsed = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start_);
  auto us = static_cast<std::uint64_t>(elapsed.count() / 1000);
  Counters &c = counters();
  c.calls.fetch_add(1, kRelaxed);
  c.latency[bucket_of(us)].fetch_add(1, kRelaxed);
  c.latency_sum_us.fetch_add(us, kRelaxed);
  for (auto seen = c.max_us.load(kRelaxed);
       us > seen && !c.max_us.compare_exchange_weak(seen, us);) {
  }
  if (!observed_)
    return;
  event_.phase = phase;
  event_.duration = elapsed;
  event_.error = error;
  deliver(event_);
}

LatencyHistogram latency_histogram() {
  Counters &c = counters();
  LatencyHistogram histogram;
  histogram.sum_us = c.latency_sum_us.load();
  // Whole octaves: every latency counted in octave o is below 2^(o+1) us, an exact bound.
  for (int octave = 0; octave < kBuckets / kSubBuckets; ++octave) {
    std::uint64_t count = 0;
    for (int sub = 0; sub < kSubBuckets; ++sub)
      count += c.latency[octave * kSubBuckets + sub].load();
    histogram.buckets.emplace_back(std::uint64_t{2} << octave, count);
  }
  return histogram;
}

} // namespace detail

namespace telemetry {

std::uint64_t add_handler(Handler handler) {
  auto &h = detail::handlers();
  std::lock_guard lock(h.mutex);
  auto list = std::make_shared<detail::HandlerList>(*h.list);
  std::uint64_t id = h.next_id++;
  list->emplace_back(id, std::move(handler));
  h.list = std::move(list);
  h.any = true;
  return id;
}

void remove_handler(std::uint64_t id) {
  auto &h = detail::handlers();
  std::lock_guard lock(h.mutex);
  auto list = std::make_shared<detail::HandlerList>(*h.list);
  std::erase_if(*list, [id](const auto &entry) { return entry.first == id; });
  h.any = !list->empty();
  h.list = std::move(list);
}

Metrics metrics() {
  auto &c = detail::counters();
  Metrics m;
  m.calls = c.calls.load();
  m.errors = c.errors.load();
  m.timeouts = c.timeouts.load();
  m.workers_lost = c.workers_lost.load();
  m.overloaded = c.overloaded.load();
  m.queue_wait_total = std::chrono::microseconds(c.queue_wait_us.load());
  m.queue_wait_max = std::chrono::microseconds(c.queue_wait_max_us.load());
  m.retries = c.retries.load();
  m.cache_hits = c.cache_hits.load();
  m.cache_misses = c.cache_misses.load();
  m.bytes_sent = c.bytes_sent.load();
  m.bytes_received = c.bytes_received.load();
  m.restarts = pool_stats().restarts;
  m.max = std::chrono::microseconds(c.max_us.load());
  std::array<std::uint64_t, detail::kBuckets> counts;
  std::uint64_t total = 0;
  for (int i = 0; i < detail::kBuckets; ++i)
    total += counts[i] = c.latency[i].load();
  auto percentile = [&](double p) {
    if (total == 0)
      return std::chrono::microseconds(0);
    auto rank = static_cast<std::uint64_t>(std::ceil(p * static_cast<double>(total)));
    std::uint64_t seen = 0;
    for (int i = 0; i < detail::kBuckets; ++i) {
      seen += counts[i];
      if (seen >= rank)
        return std::min(std::chrono::microseconds(detail::bucket_upper_us(i)), m.max);
    }
    return m.max;
  };
  m.p50 = percentile(0.50);
  m.p90 = percentile(0.90);
  m.p99 = percentile(0.99);
  return m;
}

void reset_metrics() {
  auto &c = detail::counters();
  for (auto *counter :
       {&c.calls, &c.errors, &c.timeouts, &c.workers_lost, &c.overloaded, &c.retries, &c.cache_hits,
        &c.cache_misses, &c.bytes_sent, &c.bytes_received, &c.max_us, &c.queue_wait_us,
        &c.queue_wait_max_us, &c.latency_sum_us})
    counter->store(0);
  for (auto &bucket : c.latency)
    bucket.store(0);
}

} // namespace telemetry

PoolStats pool_stats() { return detail::Runtime::stats(); }

} // namespace pybridge
