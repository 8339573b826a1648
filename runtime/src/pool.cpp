#include "pool.hpp"

#include <pybridge/errors.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace pybridge::detail {

namespace {
// The circuit breaker of a slot whose worker keeps failing to start (or dies as soon as it
// started): the restart after the n-th failure in a row waits kBackoffBase * 2^(n-1), at
// most kBackoffMax; from kOpenAfter failures on, calls that find no live worker fail fast.
constexpr unsigned kOpenAfter = 3;
constexpr auto kBackoffBase = std::chrono::milliseconds(200);
constexpr auto kBackoffMax = std::chrono::milliseconds(30000);
// A worker that ended by itself younger than this, having run no call, failed to start.
constexpr auto kHealthyAfter = std::chrono::seconds(2);

std::chrono::milliseconds backoff(unsigned failures) {
  if (failures == 0)
    return std::chrono::milliseconds(0);
  auto delay = kBackoffBase * (1u << std::min(failures - 1, 10u));
  return std::min<std::chrono::milliseconds>(delay, kBackoffMax);
}
thread_local std::chrono::nanoseconds t_pick_wait{0};
} // namespace

Pool::Admission Pool::admit() {
  std::size_t now = inflight_.fetch_add(1) + 1;
  Admission admission(*this);
  std::size_t capacity = slots_.size() + policy_.max_queue;
  if (policy_.max_queue > 0 && now > capacity)
    throw Overloaded(std::to_string(now - 1) + " calls are in flight on " +
                     std::to_string(slots_.size()) + " workers, " +
                     std::to_string(policy_.max_queue) +
                     " beyond one each (the limit, Options::max_queue or PYBRIDGE_MAX_QUEUE); "
                     "the call was not sent");
  return admission;
}

std::chrono::nanoseconds Pool::take_pick_wait() noexcept {
  return std::exchange(t_pick_wait, std::chrono::nanoseconds(0));
}

Pool::Pool(WorkerSettings settings, int size, HealingPolicy policy)
    : settings_(std::move(settings)), policy_(policy), slots_(size) {
  // A worker's output ends when it exits: restart it then, before a call trips
  // over it.
  link_ = std::make_shared<Link>();
  link_->pool = this;
  settings_.on_exit = [link = link_](int index, unsigned generation) {
    std::lock_guard lock(link->mutex);
    if (link->pool)
      link->pool->exited(index, generation);
  };
  // Spawn all at once: start-up (mostly Python importing) runs in parallel, and the first
  // call is served by the first worker ready.
  try {
    for (int i = 0; i < size; ++i)
      slots_[i].current = std::make_shared<Worker>(i, 0, settings_);
  } catch (...) {
    {
      std::lock_guard lock(link_->mutex);
      link_->pool = nullptr;
    }
    for (auto &slot : slots_)
      if (slot.current)
        slot.current->kill();
    slots_.clear();
    throw;
  }
  first_starts_ = size;
  supervisor_ = std::thread([this] { supervise(); });
  if (policy_.heartbeat.count() > 0 || policy_.recycle_calls > 0 ||
      policy_.recycle_age.count() > 0 || policy_.recycle_rss > 0)
    monitor_ = std::thread([this] { monitor(); });
  for (int i = 0; i < size; ++i)
    starters_.emplace_back([this, i, worker = slots_[i].current] { finish_start(i, worker); });
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] {
    return first_failures_ == size ||
           std::any_of(slots_.begin(), slots_.end(), [](const Slot &slot) { return slot.ready; });
  });
  if (first_failures_ < size)
    return;
  std::string error = start_error_;
  lock.unlock();
  stop();
  throw SetupError(error);
}

void Pool::finish_start(int index, const std::shared_ptr<Worker> &worker) {
  std::string error;
  try {
    worker->wait_ready(settings_.start_timeout);
  } catch (const std::exception &failure) {
    error = failure.what();
  }
  bool report = false; // a failure the pool goes on from (not the pool stopping)
  {
    std::lock_guard lock(mutex_);
    --first_starts_;
    Slot &slot = slots_[index];
    report = !error.empty() && !stopping_ && slot.current == worker;
    if (!stopping_ && slot.current == worker) {
      if (error.empty() && !slot.ended_early) {
        slot.ready = true;
      } else if (error.empty()) {
        replace_locked(index); // ready, then gone at once
      } else {
        ++first_failures_;
        if (start_error_.empty())
          start_error_ = error;
        replace_locked(index); // another attempt, in the background
      }
    }
  }
  changed_.notify_all();
  if (report && settings_.log)
    settings_.log("worker " + std::to_string(index) + " did not start: " + error);
}

Pool::~Pool() { stop(); }

void Pool::stop() noexcept {
  {
    std::lock_guard lock(link_->mutex);
    link_->pool = nullptr;
  }
  std::vector<std::shared_ptr<Worker>> current;
  {
    std::lock_guard lock(mutex_);
    if (stopping_)
      return;
    stopping_ = true;
    for (auto &worker : starting_)
      worker->kill(); // ends its wait_ready at once
    for (auto &slot : slots_)
      if (slot.current)
        current.push_back(std::move(slot.current));
  }
  changed_.notify_all();
  restart_.notify_all();
  if (supervisor_.joinable())
    supervisor_.join();
  for (auto &worker : current)
    worker->kill(); // ends a first start's wait, and a heartbeat's, at once
  if (monitor_.joinable())
    monitor_.join();
  for (auto &starter : starters_)
    if (starter.joinable())
      starter.join();
  std::vector<std::shared_ptr<Worker>> retired;
  {
    std::lock_guard lock(mutex_);
    retired.swap(retired_);
  }
  // Handles may keep an incarnation alive; its process is gone, its release a
  // no-op.
}

template <class Load> std::shared_ptr<Worker> Pool::pick_by(Load load) {
  auto start = std::chrono::steady_clock::now();
  struct Timer { // how long this pick waited, however it ends
    std::chrono::steady_clock::time_point start;
    ~Timer() { t_pick_wait += std::chrono::steady_clock::now() - start; }
  } timer{start};
  std::unique_lock lock(mutex_);
  for (;;) {
    if (stopping_)
      throw WorkerLost("the worker pool is shutting down");
    std::shared_ptr<Worker> best;
    auto best_load = std::numeric_limits<std::invoke_result_t<Load, const Worker &>>::max();
    unsigned n = static_cast<unsigned>(slots_.size());
    for (unsigned k = 0; k < n; ++k) {
      const Slot &slot = slots_[(next_ + k) % n];
      const auto &candidate = slot.current;
      if (!candidate || !slot.ready || !candidate->alive())
        continue;
      auto candidate_load = load(*candidate);
      if (candidate_load < best_load) {
        best = candidate;
        best_load = candidate_load;
      }
    }
    // While the pool starts, a worker about to be ready beats queueing behind a busy one.
    if (best && (best_load == 0 || first_starts_ == 0)) {
      ++next_; // ties rotate, so idle workers share the load
      return best;
    }
    bool all_failed = true;
    for (const auto &slot : slots_)
      all_failed = all_failed && slot.failed;
    if (all_failed) {
      auto next =
          std::chrono::duration_cast<std::chrono::milliseconds>(next_restart() - Clock::now());
      throw SetupError("no Python worker could be restarted: " + restart_error_ + " (" +
                       std::to_string(std::min_element(slots_.begin(), slots_.end(),
                                                       [](const Slot &a, const Slot &b) {
                                                         return a.failures < b.failures;
                                                       })
                                          ->failures) +
                       " starts in a row failed; the next attempt is in " +
                       std::to_string(std::max<long long>(next.count(), 0)) + " ms)");
    }
    if (best) // every ready worker is busy, and another is about to start: look again soon
      changed_.wait_for(lock, std::chrono::milliseconds(2));
    else
      changed_.wait(lock); // every worker is restarting
  }
}

std::shared_ptr<Worker> Pool::pick() {
  return pick_by([](const Worker &worker) { return worker.calls.count(); });
}

std::shared_ptr<Worker> Pool::pick_home() {
  // Homes first, then calls in flight: one number, homes in the high half.
  return pick_by([](const Worker &worker) {
    return (static_cast<std::int64_t>(worker.homes.load()) << 32) + worker.calls.count();
  });
}

void Pool::replace(const std::shared_ptr<Worker> &worker) {
  std::lock_guard lock(mutex_);
  if (slots_[worker->index()].current != worker)
    return; // already being replaced
  replace_locked(worker->index());
}

void Pool::exited(int index, unsigned generation) {
  std::lock_guard lock(mutex_);
  // A worker still starting is handled by finish_start (its start fails).
  Slot &slot = slots_[index];
  if (!slot.current || slot.current->generation() != generation)
    return;
  if (slot.ready)
    replace_locked(index);
  else
    slot.ended_early = true; // it may have announced itself first: finish_start replaces it
}

void Pool::replace_locked(int index, bool died) {
  Slot &slot = slots_[index];
  if (stopping_ || !slot.current)
    return;
  // A worker that ends by itself soon after it started, before it ran anything, failed to
  // start as much as one that never announced itself (a call that kills it does not count).
  const Worker &worker = *slot.current;
  if (died && Clock::now() - worker.started_at() < kHealthyAfter && worker.calls.finished() == 0 &&
      worker.calls.count() == 0)
    ++slot.failures;
  else
    slot.failures = 0;
  slot.failed = slot.failures >= kOpenAfter;
  slot.restart_at = Clock::now() + backoff(slot.failures);
  slot.current->kill();
  retired_.push_back(std::move(slot.current));
  slot.ready = false;
  slot.ended_early = false;
  slot.restart_pending = true;
  ++restarts_;
  restart_.notify_all();
}

std::shared_ptr<Worker> Pool::start_worker(int index) {
  std::shared_ptr<Worker> worker;
  {
    // Each attempt is a new generation: a failed attempt's late exit notice
    // names its own.
    std::lock_guard lock(mutex_);
    if (stopping_)
      return nullptr;
    worker = std::make_shared<Worker>(index, ++slots_[index].generation, settings_);
    starting_.push_back(worker);
  }
  auto forget = [&] {
    std::lock_guard lock(mutex_);
    std::erase(starting_, worker);
  };
  try {
    worker->wait_ready(settings_.start_timeout);
  } catch (...) {
    forget();
    throw;
  }
  forget();
  return worker;
}

void Pool::start_failed(int index, const std::string &error) {
  Slot &slot = slots_[index];
  ++slot.failures;
  slot.failed = slot.failures >= kOpenAfter;
  slot.restart_pending = true;
  slot.restart_at = Clock::now() + backoff(slot.failures);
  restart_error_ = error;
}

Clock::time_point Pool::next_restart() const {
  auto next = Clock::time_point::max();
  for (const auto &slot : slots_)
    if (slot.restart_pending)
      next = std::min(next, slot.restart_at);
  return next;
}

void Pool::supervise() {
  std::unique_lock lock(mutex_);
  for (;;) {
    auto due = [this] {
      if (stopping_ || !retired_.empty())
        return true;
      auto now = Clock::now();
      for (const auto &slot : slots_)
        if (slot.restart_pending && slot.restart_at <= now)
          return true;
      return false;
    };
    auto next = next_restart();
    if (next == Clock::time_point::max())
      restart_.wait(lock, due);
    else
      restart_.wait_until(lock, next, due);
    if (stopping_)
      return;
    std::vector<std::shared_ptr<Worker>> retired;
    retired.swap(retired_);
    std::vector<int> pending;
    auto now = Clock::now();
    for (int i = 0; i < size(); ++i) {
      if (!slots_[i].restart_pending || slots_[i].restart_at > now)
        continue;
      slots_[i].restart_pending = false;
      pending.push_back(i);
    }
    lock.unlock();
    retired.clear(); // reaps the dead processes (they were killed already)
    for (int index : pending) {
      std::string error;
      std::shared_ptr<Worker> fresh;
      try {
        fresh = start_worker(index);
      } catch (const std::exception &failure) {
        error = failure.what();
        if (settings_.log)
          settings_.log("cannot restart worker " + std::to_string(index) + ": " + error);
      }
      std::lock_guard install(mutex_);
      if (stopping_)
        return;
      if (fresh) {
        slots_[index].failed = false;
        slots_[index].ready = true;
        slots_[index].current = std::move(fresh);
      } else {
        start_failed(index, error);
      }
      changed_.notify_all();
    }
    lock.lock();
  }
}

unsigned Pool::restarts() const noexcept {
  std::lock_guard lock(mutex_);
  return restarts_;
}

std::vector<std::shared_ptr<Worker>> Pool::workers() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<Worker>> result;
  for (const auto &slot : slots_)
    result.push_back(slot.ready ? slot.current : nullptr);
  return result;
}

} // namespace pybridge::detail
