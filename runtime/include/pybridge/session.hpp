// pybridge::Session: calls, and the Python objects they create, kept on one
// worker.
#pragma once

#include <cstdint>
#include <memory>
#include <utility>

namespace pybridge {

namespace detail {
class SessionState;
}
#pragma GCC visibility push(default) // exported by the runtime (runtime/CMakeLists.txt)

/// A unit of stateful work. While a session is current on a thread, the calls
/// that thread makes run on one worker process, and the Python objects they
/// create belong to the session. Destroying (or closing) the session drops
/// those objects on the worker at once; C++ handles still pointing at them then
/// throw ObjectLost. Without a session, a thread's objects live on its home
/// worker and calls that make none go to the least busy worker (docs/runtime.md,
/// "Where a call runs"); objects live until their last handle dies.
///
///   pybridge::Session session;
///   {
///     pybridge::Session::Scope scope(session); // current until scope ends
///     Counter counter(10);                     // made on the session's worker
///     counter.add(5);
///   }
///   long n = session.run([&] { return count_items(); }); // one call in it
///
/// The worker is chosen at the session's first call. If it dies, the session's
/// objects are lost (ObjectLost) and later calls in the session go to a newly
/// chosen worker. A call on an object runs where the object lives, whatever
/// session is current. A session's objects never move to another worker.
class Session {
public:
  /// A new, empty session (cheap: no worker is involved until its first call).
  Session();
  /// Closes the session.
  ~Session();
  Session(Session &&other) noexcept;
  Session &operator=(Session &&other) noexcept;
  Session(const Session &) = delete;
  Session &operator=(const Session &) = delete;

  /// Makes a session current on the calling thread for the scope's lifetime;
  /// scopes nest.
  class Scope {
  public:
    explicit Scope(const Session &session);
    ~Scope();
    Scope(const Scope &) = delete;
    Scope &operator=(const Scope &) = delete;

  private:
    std::shared_ptr<detail::SessionState> previous_;
  };

  /// Calls fn() with this session current and returns what it returns.
  template <class F> decltype(auto) run(F &&fn) const {
    Scope scope(*this);
    return std::forward<F>(fn)();
  }

  /// Drops the session's objects on its worker now (the destructor does this).
  /// Calls made in a closed session throw BridgeError.
  void close() noexcept;

  /// A process-unique id (telemetry events carry it).
  std::uint64_t id() const noexcept;
  /// The worker slot the session runs on; -1 before its first call.
  int worker() const;

private:
  std::shared_ptr<detail::SessionState> state_;
};

#pragma GCC visibility pop
} // namespace pybridge
