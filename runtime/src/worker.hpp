// One running Python worker (a local process or a remote stream): its idle
// connections, pending releases and calls in flight.
#pragma once

#include "endpoint.hpp"

#include <atomic>
#include <csignal>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace pybridge::detail {

class WorkerProcess;

/// A connection borrowed from a worker for one call (or one stream); returned
/// on destruction unless the call left it in an unknown state.
class Lease {
public:
  Lease(std::shared_ptr<WorkerProcess> worker, std::unique_ptr<Connection> connection)
      : worker_(std::move(worker)), connection_(std::move(connection)) {}
  Lease(Lease &&) noexcept = default;
  ~Lease();
  Connection &operator*() const noexcept { return *connection_; }
  Connection *operator->() const noexcept { return connection_.get(); }
  /// The connection must not be reused (a frame is half-read, a call still runs
  /// on it).
  void discard() noexcept { connection_.reset(); }

private:
  std::shared_ptr<WorkerProcess> worker_;
  std::unique_ptr<Connection> connection_;
};

/// One incarnation of worker slot `index`. When it dies a new WorkerProcess
/// replaces it, so handles that point at this one report their objects lost.
class WorkerProcess : public std::enable_shared_from_this<WorkerProcess> {
public:
  /// Spawns the process, or prepares the remote stream (does not wait for it).
  WorkerProcess(int index, unsigned generation, const WorkerSettings &settings);
  ~WorkerProcess();

  void wait_ready(std::chrono::milliseconds timeout) { endpoint_->wait_ready(timeout); }

  int index() const noexcept { return index_; }
  unsigned generation() const noexcept { return generation_; }
  pid_t pid() const noexcept { return endpoint_->pid(); }
  /// False once it died or was stopped, and in a forked child (the worker is
  /// the parent's).
  bool alive() const noexcept { return alive_.load() && !inherited(); }
  /// Called when a connection broke: marks it dead and describes why.
  std::string mark_dead();

  /// A connection for one call, with pending releases sent first.
  Lease checkout();
  /// The same, or nothing when the worker is evidently gone before anything was
  /// sent to it (its idle connection was closed, or nobody listens): the call
  /// may safely go elsewhere.
  std::optional<Lease> try_checkout();
  void give_back(std::unique_ptr<Connection> connection);

  /// Queues an object release; sent with the next call, or now when many are
  /// pending.
  void release_later(std::uint64_t object_id) noexcept;
  /// Drops a session's objects on the worker now.
  void close_session(std::uint64_t session_id) noexcept;

  /// Asks the call running on the worker to stop (the worker raises in it).
  void interrupt() noexcept { endpoint_->interrupt(); }
  /// Kills the process and what it started, now (hung or crashed worker).
  void kill() noexcept;

  /// Calls in flight, with their deadlines (none: may run forever). A worker
  /// that answers nothing is only declared hung when no call on it may still
  /// legitimately be running.
  using Deadline = std::optional<std::chrono::steady_clock::time_point>;
  void call_started(Deadline deadline);
  void call_ended(Deadline deadline) noexcept;
  /// True when a call in flight has not reached its deadline at `now`.
  bool may_be_busy(std::chrono::steady_clock::time_point now);

  std::atomic<int> inflight{0};
  /// Threads whose home this worker is (session_state.hpp).
  std::atomic<int> homes{0};
  /// pybridge::on_every_worker: the newest set-up this worker ran (worker_setup.cpp), and
  /// the lock that keeps calls out while set-ups run.
  std::atomic<std::uint64_t> setup_done{0};
  std::mutex setup_mutex;

private:
  bool inherited() const noexcept;
  void flush_releases(Connection &connection);
  /// Sends pending releases and `frame` (a message with no reply) on an idle
  /// connection.
  void send_now(const std::optional<v1::Frame> &frame) noexcept;

  int index_;
  unsigned generation_;
  unsigned fork_generation_;
  std::unique_ptr<Endpoint> endpoint_;
  std::atomic<bool> alive_{true};
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::vector<std::uint64_t> releases_;
  std::multiset<std::chrono::steady_clock::time_point> deadlines_; // guarded by mutex_
};

} // namespace pybridge::detail
