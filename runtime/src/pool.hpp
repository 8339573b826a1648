// The worker pool: N worker slots, each running one WorkerProcess at a time,
// and the thread that restarts the ones that die.
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
  /// Starts `size` workers in parallel and returns as soon as one is ready (the others
  /// join as they become ready); throws SetupError when none can start.
  Pool(WorkerSettings settings, int size);
  ~Pool();
  /// Kills every worker and stops restarting them (once); pick() throws
  /// WorkerLost from then on.
  void stop() noexcept;
  Pool(const Pool &) = delete;
  Pool &operator=(const Pool &) = delete;

  /// A live worker with the fewest calls in flight; waits while every worker is
  /// restarting, and while the pool starts rather than queue a call behind another.
  std::shared_ptr<WorkerProcess> pick();
  /// A thread's home worker (session_state.hpp): the live worker that is home to the fewest
  /// threads, then the least busy; waits as pick() does.
  std::shared_ptr<WorkerProcess> pick_home();

  /// Replaces a dead (or hung: it is killed) worker with a new incarnation, in
  /// the background. Calls pinned to the old one get ObjectLost; new calls go
  /// to the others.
  void replace(const std::shared_ptr<WorkerProcess> &worker);

  int size() const noexcept { return static_cast<int>(slots_.size()); }
  /// Worker restarts since the pool started.
  unsigned restarts() const noexcept;
  /// The current incarnation of each slot (null while it starts or restarts).
  std::vector<std::shared_ptr<WorkerProcess>> workers() const;

private:
  struct Slot {
    std::shared_ptr<WorkerProcess> current; // null while restarting, or after it failed
    bool ready = false;                     // current serves (false while the pool starts it)
    bool ended_early = false;               // current (of the first start) exited, not ready
    unsigned generation = 0;
    bool restart_pending = false;
    bool failed = false;
  };
  /// A worker's output ended: it exited. Replaces it if it is still the slot's
  /// current one.
  void exited(int index, unsigned generation);
  /// Waits for a worker of the pool's first start (on a thread of its own) and makes
  /// it serve, or has it restarted.
  void finish_start(int index, const std::shared_ptr<WorkerProcess> &worker);
  void replace_locked(int index);
  void supervise();
  /// The live worker with the lowest `load`, ties rotating; waits while every worker is
  /// restarting, and for a worker of the first start when the best has a load above 0.
  template <class Load> std::shared_ptr<WorkerProcess> pick_by(Load load);
  /// Starts slot `index` again (a few attempts); null when it cannot.
  std::shared_ptr<WorkerProcess> restart(int index, std::string &error);
  std::shared_ptr<WorkerProcess> start_worker(int index);

  WorkerSettings settings_;
  mutable std::mutex mutex_;
  std::condition_variable changed_; // a slot got a worker or failed; or stopping
  std::condition_variable restart_; // a slot needs a restart; or stopping
  std::vector<Slot> slots_;
  // Dead incarnations, destroyed by the supervisor (not under the mutex, not on
  // the thread that noticed the death).
  std::vector<std::shared_ptr<WorkerProcess>> retired_;
  std::vector<std::shared_ptr<WorkerProcess>> starting_; // killed when the pool stops
  unsigned next_ = 0;
  unsigned restarts_ = 0;
  std::string restart_error_;
  bool stopping_ = false;
  int first_starts_ = 0;    // workers of the first start not ready or failed yet
  int first_failures_ = 0;  // workers of the first start that failed
  std::string start_error_; // why the first that failed did
  std::vector<std::thread> starters_;
  std::thread supervisor_;
  // Workers' output threads reach the pool through this; cut when the pool is
  // destroyed, since a Handle can keep an incarnation (and its thread) alive
  // past the pool.
  struct Link {
    std::mutex mutex;
    Pool *pool;
  };
  std::shared_ptr<Link> link_;
};

} // namespace pybridge::detail
