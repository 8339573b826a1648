// The worker pool: N worker slots, each running one WorkerProcess at a time.
#pragma once

#include "worker.hpp"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace pybridge::detail {

class Pool {
public:
  /// Starts `size` workers in parallel and waits until all are ready.
  Pool(WorkerSettings settings, int size);
  ~Pool();
  Pool(const Pool &) = delete;
  Pool &operator=(const Pool &) = delete;

  /// A live worker with the fewest calls in flight.
  std::shared_ptr<WorkerProcess> pick();

  /// Replaces a dead (or hung: it is killed) worker with a new incarnation, in the
  /// background. Calls pinned to the old one get ObjectLost; new calls go to the others.
  void replace(const std::shared_ptr<WorkerProcess> &worker);

  int size() const noexcept { return static_cast<int>(slots_.size()); }
  /// Worker restarts since the pool started.
  unsigned restarts() const noexcept;
  /// The current incarnation of each slot (for statistics and tests).
  std::vector<std::shared_ptr<WorkerProcess>> workers() const;

private:
  struct Slot {
    std::shared_ptr<WorkerProcess> current; // null while restarting, or after it failed
    unsigned generation = 0;
    bool failed = false;
  };
  void restart(int index);

  WorkerSettings settings_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Slot> slots_;
  std::vector<std::thread> restarters_;
  unsigned next_ = 0;
  unsigned restarts_ = 0;
  std::string restart_error_;
  bool stopping_ = false;
};

} // namespace pybridge::detail
