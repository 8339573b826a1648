// pybridge::on_every_worker: set-ups that every worker runs before its first call, however
// late it started.
#pragma once

#include "handle.hpp"

#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace pybridge::detail {

class Runtime;

/// One set-up running on one worker. Every call made meanwhile (on the set-up's thread, or
/// for a std::future it starts) runs on that worker; an object from another worker is
/// copied there, once per set-up run, and the original stays where it is.
class WorkerSetupScope {
public:
  explicit WorkerSetupScope(std::shared_ptr<Worker> worker) : worker_(std::move(worker)) {}
  WorkerSetupScope(const WorkerSetupScope &) = delete;
  WorkerSetupScope &operator=(const WorkerSetupScope &) = delete;

  const std::shared_ptr<Worker> &worker() const noexcept { return worker_; }
  /// The copy of `original`'s object on this scope's worker.
  std::shared_ptr<Handle> copy_of(Runtime &runtime, const std::shared_ptr<Handle> &original);

private:
  std::shared_ptr<Worker> worker_;
  std::mutex mutex_;
  std::vector<std::pair<std::shared_ptr<Handle>, std::shared_ptr<Handle>>>
      copies_; // original, copy
};

/// The set-up running on this thread (null: none).
std::shared_ptr<WorkerSetupScope> &current_setup() noexcept;

/// Runs, on this thread, the set-ups `worker` has not run yet; calls to the worker from other
/// threads wait meanwhile. Throws what a set-up throws (it runs again before the next call).
void run_pending_setups(Runtime &runtime, const std::shared_ptr<Worker> &worker);

} // namespace pybridge::detail
