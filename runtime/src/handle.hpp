// What an Object holds, and what a call knows about where it runs.
#pragma once

#include <pybridge/object.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace pybridge {
namespace v1 {
class Value;
class ObjectRef;
} // namespace v1
namespace detail {

class WorkerProcess;
class SessionState;

/// One Python object on one worker incarnation; released there when destroyed.
struct Handle {
  Handle(std::shared_ptr<WorkerProcess> worker, std::shared_ptr<SessionState> session,
         std::uint64_t id, std::string type_name)
      : worker(std::move(worker)), session(std::move(session)), id(id),
        type_name(std::move(type_name)) {}
  ~Handle();
  Handle(const Handle &) = delete;
  Handle &operator=(const Handle &) = delete;

  std::shared_ptr<WorkerProcess> worker;
  std::shared_ptr<SessionState> session; // null: no session
  std::uint64_t id;
  std::string type_name;
};

/// Calls `visit` for every object handle inside `value` (containers included).
void for_each_object(const v1::Value &value,
                     const std::function<void(const v1::ObjectRef &)> &visit);

/// The worker and session a call runs in: fixed by its `self`, by an Object argument, by the
/// thread's current Session, or else chosen by the pool when the call is sent.
struct CallContext {
  std::shared_ptr<WorkerProcess> worker;
  std::shared_ptr<SessionState> session; // owns the objects the call creates (null: none)
  bool pinned = false;                   // an object fixed the worker
  /// The values read through this context are the call's own reply, converted once: large
  /// array data may move out of it instead of being copied (never out of a cache entry or a
  /// pybridge::Value, which others share).
  bool reply_owned = false;
  /// Objects sent as arguments: alive until the call ends, even when the caller's copies die
  /// first (a std::future call runs later).
  std::vector<std::shared_ptr<Handle>> held;
  /// Objects the current reply (or stream item) registered, by id: adopted when it arrives,
  /// so each is released exactly once whether or not a conversion reads it.
  std::unordered_map<std::uint64_t, std::shared_ptr<Handle>> received;

  /// Pins the call to where `handle` lives; throws when the call is pinned elsewhere, or the
  /// object's session was closed.
  void pin_to(const Handle &handle);
  /// Pins the call to where `handle` lives and keeps the object alive until the call ends.
  void hold(const std::shared_ptr<Handle> &handle);
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
