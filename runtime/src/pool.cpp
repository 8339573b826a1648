#include "pool.hpp"

#include <pybridge/errors.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace pybridge::detail {

namespace {
constexpr int kStartAttempts = 3;
constexpr auto kRetryDelay = std::chrono::milliseconds(200);
} // namespace

Pool::Pool(WorkerSettings settings, int size) : settings_(std::move(settings)), slots_(size) {
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
      slots_[i].current = std::make_shared<WorkerProcess>(i, 0, settings_);
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

void Pool::finish_start(int index, const std::shared_ptr<WorkerProcess> &worker) {
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
  std::vector<std::shared_ptr<WorkerProcess>> current;
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
    worker->kill(); // ends a first start's wait at once
  for (auto &starter : starters_)
    if (starter.joinable())
      starter.join();
  std::vector<std::shared_ptr<WorkerProcess>> retired;
  {
    std::lock_guard lock(mutex_);
    retired.swap(retired_);
  }
  // Handles may keep an incarnation alive; its process is gone, its release a
  // no-op.
}

template <class Load> std::shared_ptr<WorkerProcess> Pool::pick_by(Load load) {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (stopping_)
      throw WorkerLost("the worker pool is shutting down");
    std::shared_ptr<WorkerProcess> best;
    auto best_load = std::numeric_limits<std::invoke_result_t<Load, const WorkerProcess &>>::max();
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
    if (all_failed)
      throw SetupError("no Python worker could be restarted: " + restart_error_);
    if (best) // every ready worker is busy, and another is about to start: look again soon
      changed_.wait_for(lock, std::chrono::milliseconds(2));
    else
      changed_.wait(lock); // every worker is restarting
  }
}

std::shared_ptr<WorkerProcess> Pool::pick() {
  return pick_by([](const WorkerProcess &worker) { return worker.inflight.load(); });
}

std::shared_ptr<WorkerProcess> Pool::pick_home() {
  // Homes first, then calls in flight: one number, homes in the high half.
  return pick_by([](const WorkerProcess &worker) {
    return (static_cast<std::int64_t>(worker.homes.load()) << 32) + worker.inflight.load();
  });
}

void Pool::replace(const std::shared_ptr<WorkerProcess> &worker) {
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

void Pool::replace_locked(int index) {
  Slot &slot = slots_[index];
  if (stopping_ || !slot.current)
    return;
  slot.current->kill();
  retired_.push_back(std::move(slot.current));
  slot.ready = false;
  slot.ended_early = false;
  slot.restart_pending = true;
  ++restarts_;
  restart_.notify_all();
}

std::shared_ptr<WorkerProcess> Pool::start_worker(int index) {
  std::shared_ptr<WorkerProcess> worker;
  {
    // Each attempt is a new generation: a failed attempt's late exit notice
    // names its own.
    std::lock_guard lock(mutex_);
    if (stopping_)
      return nullptr;
    worker = std::make_shared<WorkerProcess>(index, ++slots_[index].generation, settings_);
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

std::shared_ptr<WorkerProcess> Pool::restart(int index, std::string &error) {
  for (int attempt = 0; attempt < kStartAttempts; ++attempt) {
    if (attempt > 0)
      std::this_thread::sleep_for(kRetryDelay * attempt);
    try {
      return start_worker(index);
    } catch (const std::exception &failure) {
      error = failure.what();
      if (settings_.log)
        settings_.log("cannot restart worker " + std::to_string(index) + ": " + error);
    }
  }
  return nullptr;
}

void Pool::supervise() {
  std::unique_lock lock(mutex_);
  for (;;) {
    restart_.wait(lock, [this] {
      if (stopping_ || !retired_.empty())
        return true;
      for (const auto &slot : slots_)
        if (slot.restart_pending)
          return true;
      return false;
    });
    if (stopping_)
      return;
    std::vector<std::shared_ptr<WorkerProcess>> retired;
    retired.swap(retired_);
    std::vector<int> pending;
    for (int i = 0; i < size(); ++i) {
      if (!slots_[i].restart_pending)
        continue;
      slots_[i].restart_pending = false;
      pending.push_back(i);
    }
    lock.unlock();
    retired.clear(); // reaps the dead processes (they were killed already)
    for (int index : pending) {
      std::string error;
      std::shared_ptr<WorkerProcess> fresh = restart(index, error);
      std::lock_guard install(mutex_);
      if (stopping_)
        return;
      slots_[index].failed = fresh == nullptr;
      slots_[index].ready = fresh != nullptr;
      if (!fresh)
        restart_error_ = error;
      slots_[index].current = std::move(fresh);
      changed_.notify_all();
    }
    lock.lock();
  }
}

unsigned Pool::restarts() const noexcept {
  std::lock_guard lock(mutex_);
  return restarts_;
}

std::vector<std::shared_ptr<WorkerProcess>> Pool::workers() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<WorkerProcess>> result;
  for (const auto &slot : slots_)
    result.push_back(slot.ready ? slot.current : nullptr);
  return result;
}

} // namespace pybridge::detail
