// Where a call runs: the worker of the objects it uses, else of its session, its set-up or
// its thread's home, else any; and moving objects when a call combines two workers'.
#pragma once

#include "handle.hpp"

#include <memory>
#include <string>

namespace pybridge {
namespace v1 {
class CallRequest;
}
namespace detail {

class Runtime;

/// Chooses the worker `request` runs on (context.worker) and returns it. Objects the call
/// uses that live elsewhere are brought there (moved; copied during a set-up), and their ids
/// written into the request. The worker runs its pending set-ups (on_every_worker) first.
/// A worker fixed beforehand (context.worker) is kept. Throws ObjectLost for an object lost
/// with its worker, BridgeError for objects that cannot meet (they cannot be pickled, or
/// belong to sessions on different workers).
std::shared_ptr<Worker> place_call(Runtime &runtime, CallContext &context,
                                          v1::CallRequest &request, const std::string &target);

/// A copy of `handle`'s object (now at `from`) made on worker `to`, for a set-up: pickled by
/// one worker, unpickled by the other; the original stays. The copy has no session. Throws
/// BridgeError when the object cannot be pickled (or its classes are outside `to`'s
/// allowlist).
Location copy_object(Runtime &runtime, const Location &from,
                     const std::shared_ptr<Worker> &to, const Handle &handle);

} // namespace detail
} // namespace pybridge
