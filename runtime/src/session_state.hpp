// The runtime side of a pybridge::Session: its id, its worker, whether it was
// closed.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>

namespace pybridge::detail {

class Pool;
class Worker;

class SessionState {
public:
  explicit SessionState(std::uint64_t id) : id_(id) {}
  SessionState(const SessionState &) = delete;
  SessionState &operator=(const SessionState &) = delete;

  std::uint64_t id() const noexcept { return id_; }
  bool closed() const noexcept { return closed_.load(); }

  /// The worker for a call that no object pins: the session's, chosen by the
  /// pool at the first call and again when that worker died (its objects are
  /// lost, the session goes on).
  std::shared_ptr<Worker> worker_for_call(Pool &pool);
  /// Puts a session with no live worker on `worker`; true when the session is
  /// on it now.
  bool adopt(const std::shared_ptr<Worker> &worker);
  /// The worker slot, or -1 before the first call.
  int worker_index() const;
  /// The session's worker so far (null: none yet).
  std::shared_ptr<Worker> current() const;

  /// Drops the session's objects on its worker; later calls in the session
  /// throw.
  void close() noexcept;

private:
  const std::uint64_t id_;
  std::atomic<bool> closed_{false};
  mutable std::mutex mutex_;
  std::shared_ptr<Worker> worker_;
};

/// A thread's home worker: where its calls that may create objects run, so the objects one
/// thread makes can be combined in one call whatever the pool's size. Chosen at the first
/// such call (the worker that is home to the fewest threads), and again when it died.
class Home {
public:
  Home() = default;
  ~Home();
  Home(const Home &) = delete;
  Home &operator=(const Home &) = delete;

  std::shared_ptr<Worker> worker_for_call(Pool &pool);
  /// The worker chosen so far (null: none yet).
  std::shared_ptr<Worker> current() const;

private:
  mutable std::mutex mutex_;
  std::shared_ptr<Worker> worker_;
};

/// The session current on this thread (null: none).
std::shared_ptr<SessionState> &current_session() noexcept;
/// This thread's home (made at its first use).
const std::shared_ptr<Home> &thread_home();

} // namespace pybridge::detail
