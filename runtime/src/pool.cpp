#include "pool.hpp"

#include <pybridge/errors.hpp>

#include <limits>

namespace pybridge::detail {

Pool::Pool(WorkerSettings settings, int size) : settings_(std::move(settings)), slots_(size) {
  // Spawn all first, then wait: start-up (mostly Python importing) runs in parallel.
  for (int i = 0; i < size; ++i)
    slots_[i].current = std::make_shared<WorkerProcess>(i, 0, settings_);
  for (auto &slot : slots_) slot.current->wait_ready(settings_.start_timeout);
}

Pool::~Pool() {
  std::vector<std::thread> restarters;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    restarters.swap(restarters_);
  }
  changed_.notify_all();
  for (auto &thread : restarters) thread.join();
  for (auto &slot : slots_)
    if (slot.current) slot.current->kill();
}

std::shared_ptr<WorkerProcess> Pool::pick() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (stopping_) throw WorkerLost("the worker pool is shutting down");
    std::shared_ptr<WorkerProcess> best;
    int best_load = std::numeric_limits<int>::max();
    unsigned n = static_cast<unsigned>(slots_.size());
    for (unsigned k = 0; k < n; ++k) {
      auto &candidate = slots_[(next_ + k) % n].current;
      if (!candidate || !candidate->alive()) continue;
      int load = candidate->inflight.load();
      if (load < best_load) {
        best = candidate;
        best_load = load;
      }
    }
    if (best) {
      ++next_;
      return best;
    }
    bool all_failed = true;
    for (const auto &slot : slots_) all_failed = all_failed && slot.failed;
    if (all_failed) throw SetupError("no Python worker could be restarted: " + restart_error_);
    changed_.wait(lock); // every worker is restarting
  }
}

void Pool::replace(const std::shared_ptr<WorkerProcess> &worker) {
  std::lock_guard lock(mutex_);
  Slot &slot = slots_[worker->index()];
  if (slot.current != worker || stopping_) return; // already being replaced
  worker->kill();
  slot.current.reset();
  ++restarts_;
  int index = worker->index();
  restarters_.emplace_back([this, index] { restart(index); });
}

void Pool::restart(int index) {
  unsigned generation;
  {
    std::lock_guard lock(mutex_);
    generation = ++slots_[index].generation;
  }
  std::shared_ptr<WorkerProcess> fresh;
  for (int attempt = 0; attempt < 3 && !fresh; ++attempt) {
    try {
      auto candidate = std::make_shared<WorkerProcess>(index, generation, settings_);
      candidate->wait_ready(settings_.start_timeout);
      fresh = std::move(candidate);
    } catch (const std::exception &error) {
      if (settings_.log) settings_.log(std::string("cannot restart a worker: ") + error.what());
      std::lock_guard lock(mutex_);
      restart_error_ = error.what();
    }
    std::lock_guard lock(mutex_);
    if (stopping_) return;
  }
  std::lock_guard lock(mutex_);
  slots_[index].failed = fresh == nullptr;
  slots_[index].current = std::move(fresh);
  changed_.notify_all();
}

unsigned Pool::restarts() const noexcept {
  std::lock_guard lock(mutex_);
  return restarts_;
}

std::vector<std::shared_ptr<WorkerProcess>> Pool::workers() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<WorkerProcess>> result;
  for (const auto &slot : slots_) result.push_back(slot.current);
  return result;
}

} // namespace pybridge::detail
