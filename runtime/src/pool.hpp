// The worker pool: N worker slots, each running one Worker at a time,
// and the thread that restarts the ones that die.
#pragma once

#include "healing.hpp"
#include "worker.hpp"

#include <atomic>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace pybridge::detail {

class Pool {
public:
  /// Starts `size` workers in parallel and returns as soon as one is ready (the others
  /// join as they become ready); throws SetupError when none can start.
  Pool(WorkerSettings settings, int size, HealingPolicy policy = {});
  ~Pool();
  /// Kills every worker and stops restarting them (once); pick() throws
  /// WorkerLost from then on.
  void stop() noexcept;
  Pool(const Pool &) = delete;
  Pool &operator=(const Pool &) = delete;

  /// A call in flight in the pool (from before it picks a worker until it ends).
  class Admission {
  public:
    explicit Admission(Pool &pool) noexcept : pool_(&pool) {}
    Admission(Admission &&other) noexcept : pool_(std::exchange(other.pool_, nullptr)) {}
    Admission &operator=(Admission &&) = delete;
    ~Admission() {
      if (pool_)
        pool_->inflight_.fetch_sub(1);
    }

  private:
    Pool *pool_;
  };
  /// Admits a call, or throws Overloaded when the calls in flight beyond one per worker
  /// reach the policy's max_queue.
  Admission admit();
  /// How long this thread's picks waited for a worker (every worker restarting) since the
  /// last take; starts again from zero.
  static std::chrono::nanoseconds take_pick_wait() noexcept;

  /// A live worker with the fewest calls in flight; waits while every worker is
  /// restarting, and while the pool starts rather than queue a call behind another.
  std::shared_ptr<Worker> pick();
  /// A thread's home worker (session_state.hpp): the live worker that is home to the fewest
  /// threads, then the least busy; waits as pick() does.
  std::shared_ptr<Worker> pick_home();

  /// Replaces a dead (or hung: it is killed) worker with a new incarnation, in
  /// the background. Calls pinned to the old one get ObjectLost; new calls go
  /// to the others.
  void replace(const std::shared_ptr<Worker> &worker);

  /// A call on `worker` ended: a worker due for recycling by its call count is looked at now.
  void call_ended(const std::shared_ptr<Worker> &worker);

  int size() const noexcept { return static_cast<int>(slots_.size()); }
  /// Workers recycled, workers replaced because they did not answer a heartbeat, and
  /// heartbeats answered (healing.hpp).
  struct HealingCounts {
    std::uint64_t recycled = 0, hung = 0, heartbeats = 0;
  };
  HealingCounts healing() const;
  /// Worker restarts since the pool started.
  unsigned restarts() const noexcept;
  /// The current incarnation of each slot (null while it starts or restarts).
  std::vector<std::shared_ptr<Worker>> workers() const;

private:
  struct Slot {
    std::shared_ptr<Worker> current; // null while restarting, or after it failed
    bool ready = false;              // current serves (false while the pool starts it)
    bool ended_early = false;        // current (of the first start) exited, not ready
    unsigned generation = 0;
    bool restart_pending = false;
    bool failed = false; // the breaker is open: `failures` starts in a row failed
    /// Starts that failed in a row, counting a worker that died soon after it started; the
    /// next restart waits longer after each (restart_at).
    unsigned failures = 0;
    std::chrono::steady_clock::time_point restart_at{};
  };
  /// A worker's output ended: it exited. Replaces it if it is still the slot's
  /// current one.
  void exited(int index, unsigned generation);
  /// Waits for a worker of the pool's first start (on a thread of its own) and makes
  /// it serve, or has it restarted.
  void finish_start(int index, const std::shared_ptr<Worker> &worker);
  /// `died`: it ended by itself (not recycled or hung), so a death soon after its start
  /// counts as a failed start.
  void replace_locked(int index, bool died = true);
  /// A start of slot `index` failed: the next waits longer; calls fail fast once several did.
  void start_failed(int index, const std::string &error);
  /// The earliest time a pending restart is due (max: none).
  std::chrono::steady_clock::time_point next_restart() const;
  void supervise();
  // Heartbeats and recycling (heartbeat.cpp), on a thread of their own.
  void monitor();
  void check(const std::shared_ptr<Worker> &worker);
  /// Why `worker` is due for recycling (empty: it is not).
  std::string recycle_reason(const Worker &worker) const;
  /// Replaces `worker` on behalf of the monitor, saying why.
  void retire(const std::shared_ptr<Worker> &worker, const std::string &reason, bool hung);
  /// The live worker with the lowest `load`, ties rotating; waits while every worker is
  /// restarting, and for a worker of the first start when the best has a load above 0.
  template <class Load> std::shared_ptr<Worker> pick_by(Load load);
  std::shared_ptr<Worker> start_worker(int index);

  WorkerSettings settings_;
  HealingPolicy policy_;
  std::atomic<std::size_t> inflight_{0}; // admitted calls
  mutable std::mutex mutex_;
  std::condition_variable changed_; // a slot got a worker or failed; or stopping
  std::condition_variable restart_; // a slot needs a restart; or stopping
  std::vector<Slot> slots_;
  // Dead incarnations, destroyed by the supervisor (not under the mutex, not on
  // the thread that noticed the death).
  std::vector<std::shared_ptr<Worker>> retired_;
  std::vector<std::shared_ptr<Worker>> starting_; // killed when the pool stops
  unsigned next_ = 0;
  unsigned restarts_ = 0;
  std::string restart_error_;
  bool stopping_ = false;
  int first_starts_ = 0;    // workers of the first start not ready or failed yet
  int first_failures_ = 0;  // workers of the first start that failed
  std::string start_error_; // why the first that failed did
  std::vector<std::thread> starters_;
  std::thread supervisor_;
  std::thread monitor_;
  bool recheck_ = false;         // a worker may be due for recycling now (guarded by mutex_)
  HealingCounts healing_counts_; // guarded by mutex_
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
