// The metrics in Prometheus' text exposition format (version 0.0.4).
#include "telemetry_internal.hpp"

#include <pybridge/telemetry.hpp>

#include <cstdio>
#include <string>

namespace pybridge::telemetry {

namespace {
class Exposition {
public:
  /// A metric's HELP and TYPE lines.
  void family(const char *name, const char *type, const char *help) {
    text_ += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
  }
  void sample(const std::string &name, double value, const std::string &labels = {}) {
    char number[64];
    std::snprintf(number, sizeof number, "%.17g", value);
    text_ += name + (labels.empty() ? "" : "{" + labels + "}") + " " + number + "\n";
  }
  void counter(const char *name, const char *help, double value) {
    family(name, "counter", help);
    sample(name, value);
  }
  void gauge(const char *name, const char *help, double value) {
    family(name, "gauge", help);
    sample(name, value);
  }
  std::string take() { return std::move(text_); }

private:
  std::string text_;
};

double seconds(std::chrono::microseconds us) { return static_cast<double>(us.count()) / 1e6; }

void latency(Exposition &out) {
  auto histogram = detail::latency_histogram();
  const char *name = "pybridge_call_duration_seconds";
  out.family(name, "histogram", "Duration of finished calls.");
  std::uint64_t cumulative = 0, total = 0;
  for (const auto &[upper, count] : histogram.buckets)
    total += count;
  for (const auto &[upper, count] : histogram.buckets) {
    cumulative += count;
    char le[32];
    std::snprintf(le, sizeof le, "%.6g", static_cast<double>(upper) / 1e6);
    out.sample(std::string(name) + "_bucket", static_cast<double>(cumulative),
               "le=\"" + std::string(le) + "\"");
    if (cumulative == total)
      break; // the rest hold nothing more
  }
  out.sample(std::string(name) + "_bucket", static_cast<double>(total), "le=\"+Inf\"");
  out.sample(std::string(name) + "_sum", static_cast<double>(histogram.sum_us) / 1e6);
  out.sample(std::string(name) + "_count", static_cast<double>(total));
}

void workers(Exposition &out, const PoolStats &pool) {
  struct Gauge {
    const char *name, *help;
    double (*value)(const WorkerInfo &);
  };
  const Gauge gauges[] = {
      {"pybridge_worker_up", "1 while the worker slot has a live worker.",
       [](const WorkerInfo &w) { return w.alive ? 1.0 : 0.0; }},
      {"pybridge_worker_inflight", "Calls sent to the worker and not answered yet.",
       [](const WorkerInfo &w) { return static_cast<double>(w.inflight); }},
      {"pybridge_worker_calls", "Calls the worker's current process finished.",
       [](const WorkerInfo &w) { return static_cast<double>(w.calls); }},
      {"pybridge_worker_resident_bytes", "The worker's memory at its last heartbeat (0: unknown).",
       [](const WorkerInfo &w) { return static_cast<double>(w.rss_bytes); }},
  };
  for (const auto &gauge : gauges) {
    out.family(gauge.name, "gauge", gauge.help);
    for (const auto &worker : pool.workers)
      out.sample(gauge.name, gauge.value(worker),
                 "worker=\"" + std::to_string(worker.index) + "\"");
  }
}
} // namespace

std::string prometheus_text() {
  Metrics m = metrics();
  PoolStats pool = pool_stats();
  Exposition out;
  auto count = [](std::uint64_t n) { return static_cast<double>(n); };
  out.counter("pybridge_calls_total", "Calls finished, successfully or not.", count(m.calls));
  out.counter("pybridge_errors_total", "Calls that threw.", count(m.errors));
  out.counter("pybridge_timeouts_total", "Calls that timed out.", count(m.timeouts));
  out.counter("pybridge_workers_lost_total", "Calls whose worker died.", count(m.workers_lost));
  out.counter("pybridge_overloaded_total", "Calls refused because too many were waiting.",
              count(m.overloaded));
  out.counter("pybridge_retries_total", "Further attempts of idempotent calls.", count(m.retries));
  out.counter("pybridge_cache_hits_total", "Calls answered by the execution cache.",
              count(m.cache_hits));
  out.counter("pybridge_cache_misses_total", "Cacheable calls that ran on a worker.",
              count(m.cache_misses));
  out.counter("pybridge_sent_bytes_total", "Bytes sent to workers.", count(m.bytes_sent));
  out.counter("pybridge_received_bytes_total", "Bytes received from workers.",
              count(m.bytes_received));
  out.counter("pybridge_queue_wait_seconds_total",
              "Time calls waited before their worker ran them.", seconds(m.queue_wait_total));
  out.gauge("pybridge_queue_wait_max_seconds", "The longest wait of a call for its worker.",
            seconds(m.queue_wait_max));
  latency(out);
  out.gauge("pybridge_workers", "Worker slots of the running pool (0: not running).",
            count(static_cast<std::uint64_t>(pool.size)));
  out.counter("pybridge_worker_restarts_total", "Workers restarted by the running pool.",
              count(pool.restarts));
  out.counter("pybridge_workers_recycled_total",
              "Workers replaced after their calls, age or memory.", count(pool.recycled));
  out.counter("pybridge_workers_hung_total",
              "Workers replaced because they did not answer a heartbeat.", count(pool.hung));
  workers(out, pool);
  return out.take();
}

} // namespace pybridge::telemetry
