#include "pool.hpp"

#include <pybridge/errors.hpp>

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
  // Spawn all first, then wait: start-up (mostly Python importing) runs in
  // parallel.
  try {
    for (int i = 0; i < size; ++i)
      slots_[i].current = std::make_shared<WorkerProcess>(i, 0, settings_);
    for (auto &slot : slots_)
      slot.current->wait_ready(settings_.start_timeout);
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
  std::lock_guard lock(mutex_);
  serving_ = true; // from now on an exit notice restarts the worker
  // A worker that died while the others were still starting is replaced now.
  for (auto [index, generation] : early_exits_)
    if (slots_[index].current && slots_[index].current->generation() == generation)
      replace_locked(index);
  early_exits_.clear();
  supervisor_ = std::thread([this] { supervise(); });
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
    worker->kill();
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
      auto &candidate = slots_[(next_ + k) % n].current;
      if (!candidate || !candidate->alive())
        continue;
      auto candidate_load = load(*candidate);
      if (candidate_load < best_load) {
        best = candidate;
        best_load = candidate_load;
      }
    }
    if (best) {
      ++next_; // ties rotate, so idle workers share the load
      return best;
    }
    bool all_failed = true;
    for (const auto &slot : slots_)
      all_failed = all_failed && slot.failed;
    if (all_failed)
      throw SetupError("no Python worker could be restarted: " + restart_error_);
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
  if (!serving_) {
    early_exits_.emplace_back(index, generation); // handled once all have started
    return;
  }
  const auto &current = slots_[index].current;
  if (current && current->generation() == generation)
    replace_locked(index);
}

void Pool::replace_locked(int index) {
  Slot &slot = slots_[index];
  if (stopping_ || !slot.current)
    return;
  slot.current->kill();
  retired_.push_back(std::move(slot.current));
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
    result.push_back(slot.current);
  return result;
}

} // namespace pybridge::detail
