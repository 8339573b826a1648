// What an Object holds, and what a call knows about where it runs.
#pragma once

#include <pybridge/object.hpp>

#include <cstdint>
#include <memory>
#include <string>

namespace pybridge {
namespace detail {

class WorkerProcess;

/// One Python object on one worker incarnation; released there when destroyed.
struct Handle {
  Handle(std::shared_ptr<WorkerProcess> worker, std::uint64_t session, std::uint64_t id,
         std::string type_name)
      : worker(std::move(worker)), session(session), id(id), type_name(std::move(type_name)) {}
  ~Handle();
  Handle(const Handle &) = delete;
  Handle &operator=(const Handle &) = delete;

  std::shared_ptr<WorkerProcess> worker;
  std::uint64_t session;
  std::uint64_t id;
  std::string type_name;
};

/// The worker and session a call runs in: fixed by its `self`, by an Object argument, by the
/// thread's current Session, or else chosen by the pool when the call is sent.
struct CallContext {
  std::shared_ptr<WorkerProcess> worker;
  std::uint64_t session = 0;

  /// Pins the call to where `handle` lives; throws when the call is pinned elsewhere.
  void pin_to(const Handle &handle);
};

} // namespace detail
} // namespace pybridge
