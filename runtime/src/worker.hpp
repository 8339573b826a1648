// One incarnation of a Python worker, whichever endpoint reaches it (a local process or a
// remote stream): its idle connections, pending releases and calls in flight.
#pragma once

#include "calls_in_flight.hpp"
#include "endpoint.hpp"
#include "lease.hpp"

#include <atomic>
#include <csignal>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace pybridge::detail {

/// One incarnation of worker slot `index`. When it dies a new Worker
/// replaces it, so handles that point at this one report their objects lost.
class Worker : public std::enable_shared_from_this<Worker> {
public:
  /// Spawns the process, or prepares the remote stream (does not wait for it).
  Worker(int index, unsigned generation, const WorkerSettings &settings);
  ~Worker();

  void wait_ready(std::chrono::milliseconds timeout) { endpoint_->wait_ready(timeout); }

  int index() const noexcept { return index_; }
  unsigned generation() const noexcept { return generation_; }
  pid_t pid() const noexcept { return endpoint_->pid(); }
  /// False once it died or was stopped, and in a forked child (the worker is
  /// the parent's).
  bool alive() const noexcept { return alive_.load() && !inherited(); }
  /// Called when a connection broke: marks it dead and describes why.
  std::string mark_dead();
  /// Why the pool ended it, for the calls that find it gone ("did not answer a health
  /// probe ..."); set before kill().
  void set_end_reason(std::string reason);

  /// A connection for one call, with pending releases sent first.
  Lease checkout();
  /// The same, or nothing when the worker is evidently gone before anything was
  /// sent to it (its idle connection was closed, or nobody listens): the call
  /// may safely go elsewhere. Without `may_connect`, a new connection is opened
  /// only when no call holds one (else nothing: the worker is busy).
  std::optional<Lease> try_checkout(bool may_connect = true);
  /// A lease ended; its connection (null when discarded) is kept for the next call.
  void give_back(std::unique_ptr<Connection> connection);

  /// What a heartbeat learned (healing.hpp).
  enum class Probe { Answered, Silent, Gone, Busy };
  struct Health {
    std::uint64_t rss_bytes = 0, objects_held = 0;
  };
  /// Sends a HEALTH call and waits up to `timeout` for the answer; Busy when a call holds
  /// the worker's connections (the probe opens no extra one, which the pool would keep).
  Probe probe(std::uint64_t call_id, std::chrono::milliseconds timeout, Health &health);
  /// Stops lending connections when no lease is out and no call ended since `calls_seen`
  /// (calls.finished() then): the worker can be replaced without touching a call. A call that
  /// finds it retired goes to another worker.
  bool try_retire(std::uint64_t calls_seen);
  Clock::time_point started_at() const noexcept { return started_at_; }

  /// Queues an object release and returns at once (it runs in destructors, on any thread):
  /// the releases go first on the worker's next connection lent, to a call or to the pool's
  /// heartbeat of an idle worker. Never sent, they end with the worker's process.
  void release_later(std::uint64_t object_id) noexcept;
  /// Drops a session's objects on the worker now.
  void close_session(std::uint64_t session_id) noexcept;

  /// Asks the call running on the worker to stop (the worker raises in it).
  void interrupt() noexcept { endpoint_->interrupt(); }
  /// Kills the process and what it started, now (hung or crashed worker).
  void kill() noexcept;

  /// Calls sent to it and not answered yet, with their deadlines (a worker that answers
  /// nothing is only declared hung when no call on it may still legitimately be running),
  /// and the calls it finished.
  CallsInFlight calls;
  /// Its memory at the last heartbeat (0: not known).
  std::atomic<std::uint64_t> rss_bytes{0};
  /// When the last reply of a call on it arrived (steady clock ticks): the estimate of when
  /// the call queued behind it started (exchange.cpp).
  std::atomic<Clock::rep> last_reply{0};
  /// Threads whose home this worker is (session_state.hpp).
  std::atomic<int> homes{0};
  /// pybridge::on_every_worker: the newest set-up this worker ran (worker_setup.cpp), and
  /// the lock that keeps calls out while set-ups run.
  std::atomic<std::uint64_t> setup_done{0};
  std::mutex setup_mutex;

private:
  bool inherited() const noexcept;
  /// Sends the pending releases on a connection just leased.
  void send_releases(Connection &connection);

  int index_;
  unsigned generation_;
  unsigned fork_generation_;
  std::unique_ptr<Endpoint> endpoint_;
  std::atomic<bool> alive_{true};
  Clock::time_point started_at_ = Clock::now();
  std::mutex mutex_;
  int leased_ = 0;         // leases out (guarded by mutex_)
  bool retired_ = false;   // lends no more connections (guarded by mutex_)
  std::string end_reason_; // guarded by mutex_
  std::vector<std::unique_ptr<Connection>> idle_;
  std::vector<std::uint64_t> releases_; // guarded by mutex_
};

} // namespace pybridge::detail
