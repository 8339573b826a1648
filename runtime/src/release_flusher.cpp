#include "release_flusher.hpp"

#include "worker.hpp"

#include <algorithm>

namespace pybridge::detail {

ReleaseFlusher::ReleaseFlusher() : thread_([this] { run(); }) {}

ReleaseFlusher::~ReleaseFlusher() { stop(); }

void ReleaseFlusher::request(const std::shared_ptr<Worker> &worker) noexcept {
  try {
    std::lock_guard lock(mutex_);
    if (stopping_)
      return;
    bool queued = std::any_of(due_.begin(), due_.end(), [&](const std::weak_ptr<Worker> &due) {
      return !due.owner_before(worker) && !worker.owner_before(due);
    });
    if (!queued)
      due_.push_back(worker);
  } catch (const std::exception &) {
    return; // no memory to queue it: the releases go with the worker's next call
  }
  wake_.notify_one();
}

void ReleaseFlusher::stop() noexcept {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable())
    thread_.join();
}

void ReleaseFlusher::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !due_.empty(); });
    if (stopping_)
      return;
    std::vector<std::weak_ptr<Worker>> due;
    due.swap(due_);
    lock.unlock();
    for (const auto &entry : due)
      if (auto worker = entry.lock())
        worker->flush_releases(); // may wait for the worker: only this thread does
    lock.lock();
  }
}

} // namespace pybridge::detail
