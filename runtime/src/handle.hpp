// What an Object holds, and what a call knows about where it runs.
#pragma once

#include <pybridge/object.hpp>

#include <cstdint>
#include <memory>
#include <string>

namespace pybridge {
namespace detail {

class WorkerProcess;
class SessionState;

/// One Python object on one worker incarnation; released there when destroyed
/// (unless its session was closed, which released it already).
struct Handle {
  Handle(std::shared_ptr<WorkerProcess> worker,
         std::shared_ptr<SessionState> session, std::uint64_t id,
         std::string type_name)
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

/// The worker and session a call runs in: fixed by its `self`, by an Object
/// argument, by the thread's current Session, or else chosen by the pool when
/// the call is sent.
struct CallContext {
  std::shared_ptr<WorkerProcess> worker;
  std::shared_ptr<SessionState> session; // owns the objects the call creates
  bool pinned = false;                   // an object fixed the worker

  /// Pins the call to where `handle` lives; throws when the call is pinned
  /// elsewhere, or the object's session was closed.
  void pin_to(const Handle &handle);
};

} // namespace detail
} // namespace pybridge
