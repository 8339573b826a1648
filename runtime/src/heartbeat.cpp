// The pool's monitor: heartbeats of idle workers (a worker whose main thread hangs is
// replaced) and recycling of workers by calls, age and memory, between calls.
#include "pool.hpp"

#include <fstream>

namespace pybridge::detail {

namespace {
/// A call sent this soon after a probe may be what the worker ran before answering it: the
/// probe's silence then proves nothing.
constexpr auto kProbeRace = std::chrono::seconds(1);
/// How long a probe for recycling waits when heartbeats are off.
constexpr auto kRecycleProbeTimeout = std::chrono::seconds(10);
/// How often the monitor looks when heartbeats are off but recycling is on.
constexpr auto kRecycleTick = std::chrono::seconds(1);

/// The local process is stopped (SIGSTOP, or a job-control stop): it answers nothing.
bool process_stopped(pid_t pid) {
  if (pid <= 0)
    return false;
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  auto close = text.rfind(')'); // the command may hold spaces
  return close != std::string::npos && close + 2 < text.size() && text[close + 2] == 'T';
}

std::string megabytes(std::uint64_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }
} // namespace

void Pool::monitor() {
  auto tick = policy_.heartbeat.count() > 0
                  ? policy_.heartbeat
                  : std::chrono::duration_cast<std::chrono::milliseconds>(kRecycleTick);
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait_for(lock, tick, [this] { return stopping_ || recheck_; });
    if (stopping_)
      return;
    recheck_ = false;
    std::vector<std::shared_ptr<Worker>> workers;
    for (const auto &slot : slots_)
      if (slot.ready && slot.current)
        workers.push_back(slot.current);
    lock.unlock();
    for (const auto &worker : workers)
      check(worker);
    workers.clear(); // the last reference to a replaced worker reaps it: not under the mutex
    lock.lock();
  }
}

void Pool::call_ended(const std::shared_ptr<Worker> &worker) {
  if (policy_.recycle_calls == 0 || worker->calls.finished() < policy_.recycle_calls)
    return;
  {
    std::lock_guard lock(mutex_);
    recheck_ = true;
  }
  changed_.notify_all();
}

std::string Pool::recycle_reason(const Worker &worker) const {
  if (settings_.kind() == EndpointKind::Remote)
    return {}; // a remote worker's process is its operator's to recycle
  if (policy_.recycle_calls > 0 && worker.calls.finished() >= policy_.recycle_calls)
    return "ran " + std::to_string(worker.calls.finished()) + " calls";
  auto age = Clock::now() - worker.started_at();
  if (policy_.recycle_age.count() > 0 && age >= policy_.recycle_age)
    return "is " +
           std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(age).count()) +
           " ms old";
  if (policy_.recycle_rss > 0 && worker.rss_bytes.load() >= policy_.recycle_rss)
    return "uses " + megabytes(worker.rss_bytes.load()) + " of memory";
  return {};
}

void Pool::check(const std::shared_ptr<Worker> &worker) {
  bool heartbeats = policy_.heartbeat.count() > 0;
  bool local = settings_.kind() == EndpointKind::Local;
  if (!worker->alive())
    return;
  if (worker->calls.count() > 0) {
    // A busy worker cannot answer before its call ends: only a stopped one is known hung.
    if (heartbeats && local && process_stopped(worker->pid()))
      retire(worker, "was stopped (SIGSTOP) and was replaced", true);
    return;
  }
  bool due = !recycle_reason(*worker).empty();
  if (!heartbeats && !due && policy_.recycle_rss == 0)
    return;
  auto timeout = heartbeats
                     ? policy_.heartbeat_timeout
                     : std::chrono::duration_cast<std::chrono::milliseconds>(kRecycleProbeTimeout);
  std::uint64_t calls_seen = worker->calls.finished();
  auto sent = Clock::now();
  Worker::Health health;
  switch (worker->probe(new_call_id(), timeout, health)) {
  case Worker::Probe::Gone:
    return; // its exit restarts it
  case Worker::Probe::Busy:
    return; // a call took its connection meanwhile: look again next time
  case Worker::Probe::Silent:
    if (worker->calls.sent_before(sent + kProbeRace))
      return; // a call it may be running came with the probe: look again next time
    retire(worker,
           "did not answer a health probe within " + std::to_string(timeout.count()) +
               " ms (hung: stopped, or stuck in native code holding the GIL) and was replaced",
           true);
    return;
  case Worker::Probe::Answered:
    break;
  }
  worker->rss_bytes = health.rss_bytes;
  {
    std::lock_guard lock(mutex_);
    ++healing_counts_.heartbeats;
  }
  std::string reason = recycle_reason(*worker);
  // Objects the program holds stay usable: a worker holding any is recycled once they are
  // released (objects_held counts them after the releases this probe sent).
  if (reason.empty() || health.objects_held > 0 || !worker->try_retire(calls_seen))
    return;
  retire(worker, "was recycled: it " + reason, false);
}

void Pool::retire(const std::shared_ptr<Worker> &worker, const std::string &reason, bool hung) {
  worker->set_end_reason(reason);
  if (settings_.log)
    settings_.log("worker " + std::to_string(worker->index()) + " (pid " +
                  std::to_string(worker->pid()) + ") " + reason);
  std::lock_guard lock(mutex_);
  if (slots_[worker->index()].current != worker)
    return;
  ++(hung ? healing_counts_.hung : healing_counts_.recycled);
  replace_locked(worker->index(), false);
}

Pool::HealingCounts Pool::healing() const {
  std::lock_guard lock(mutex_);
  return healing_counts_;
}

} // namespace pybridge::detail
