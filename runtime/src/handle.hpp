// What an Object holds, and what a call knows about where it runs.
#pragma once

#include "owned_reply.hpp"

#include <pybridge/object.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace pybridge {
namespace v1 {
class Value;
class ObjectRef;
} // namespace v1
namespace detail {

class Worker;
class SessionState;
class Home;
class WorkerSetupScope;
class SharedMemory;
class CallbackTarget;

/// Where a Python object is: a worker incarnation and the object's id there.
struct Location {
  std::shared_ptr<Worker> worker;
  std::uint64_t id = 0;
};

/// One Python object for C++; every copy of an Object shares it. Released on its worker
/// when destroyed. An object a call needed on another worker moves there (placement.cpp):
/// the handle then points at the moved object, and the one left behind is released when the
/// handle dies (a call racing the move may still be using it).
struct Handle {
public:
  Handle(std::shared_ptr<Worker> worker, std::shared_ptr<SessionState> session, std::uint64_t id,
         std::string type_name)
      : session(std::move(session)),
        type_name(std::move(type_name)), location_{std::move(worker), id} {}
  ~Handle();
  Handle(const Handle &) = delete;
  Handle &operator=(const Handle &) = delete;

  Location location() const {
    std::lock_guard lock(mutex_);
    return location_;
  }
  /// Points the handle at `to`, a copy of the object made on another worker.
  void moved(Location to);

  const std::shared_ptr<SessionState> session; // null: no session (such objects may move)
  std::string type_name;                       // written once, before the handle is shared

private:
  mutable std::mutex mutex_;
  Location location_;
  std::vector<Location> left_behind_; // guarded by mutex_
};

/// Calls `visit` for every object handle inside `value` (containers included).
void for_each_object(const v1::Value &value,
                     const std::function<void(const v1::ObjectRef &)> &visit);
void for_each_object(v1::Value &value, const std::function<void(v1::ObjectRef &)> &visit);

/// An object a call uses, and where the request names it (null: the call's `self`).
struct HeldObject {
  std::shared_ptr<Handle> handle;
  v1::ObjectRef *ref;
};

/// Where a call runs and what it needs there. The worker is chosen when the call is sent
/// (placement.cpp): by the objects it uses, else by the session, the set-up or the home
/// captured when the call was made, else by the pool.
struct CallContext {
  std::shared_ptr<Worker> worker;
  std::shared_ptr<SessionState> session; // owns the objects the call creates (null: none)
  /// The calling thread's home worker, for a call whose result may hold objects (null: the
  /// call makes none, so any worker may run it).
  std::shared_ptr<Home> home;
  /// pybridge::on_every_worker: the worker being set up runs every call made meanwhile.
  std::shared_ptr<WorkerSetupScope> setup;
  bool pinned = false; // its objects (or a move) fixed the worker: it cannot go elsewhere
  /// The runtime's own request (a library hash, an object's move): it needs no set-up, so it
  /// never waits for one (a set-up's own calls may need its answer).
  bool runtime_call = false;
  /// The values read through this context are parts of this reply, which the call owns
  /// (none: they are shared, e.g. a cache entry or a pybridge::Value).
  OwnedReply owned_reply;
  /// Objects the call uses (its self first): alive until the call ends, even when the
  /// caller's copies die first (a std::future call runs later).
  std::vector<HeldObject> held;
  /// C++ callables passed as arguments: callable from Python until the call ends.
  std::vector<std::shared_ptr<CallbackTarget>> callbacks;
  /// Objects the current reply (or stream item) registered, by id: adopted when it arrives,
  /// so each is released exactly once whether or not a conversion reads it.
  std::unordered_map<std::uint64_t, std::shared_ptr<Handle>> received;
  /// Shared-memory segments the request's large arrays are in (NDArray.shared indexes them),
  /// and those the current reply (or stream item) came with.
  std::vector<std::shared_ptr<SharedMemory>> sent_segments, received_segments;

  /// Records an object the call uses, named by `ref` in the request (null: the call's self);
  /// throws ObjectLost when the object's session was closed.
  void hold(const std::shared_ptr<Handle> &handle, v1::ObjectRef *ref);
  /// Takes ownership of the objects `ids` that `value` carries (replacing earlier ones).
  template <class Ids> void adopt(const v1::Value &value, const Ids &ids) {
    received.clear();
    if (!ids.empty())
      adopt_ids(value, ids.data(), static_cast<std::size_t>(ids.size()));
  }
  /// The handle of a received object; throws ProtocolError for an id the reply did not
  /// register.
  const std::shared_ptr<Handle> &received_object(std::uint64_t id) const;

private:
  void adopt_ids(const v1::Value &value, const std::uint64_t *ids, std::size_t count);
};

} // namespace detail
} // namespace pybridge
