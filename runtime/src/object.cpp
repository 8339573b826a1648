// Object handles: release on the worker, pinning calls, and the Python-computed strings.
#include "handle.hpp"
#include "session_state.hpp"
#include "worker.hpp"

#include <pybridge/pybridge.hpp>

#include <ostream>

namespace pybridge {
namespace detail {

Handle::~Handle() {
  if (!session || !session->closed()) worker->release_later(id);
}

void CallContext::pin_to(const Handle &handle) {
  if (handle.session && handle.session->closed())
    throw ObjectLost("a " + handle.type_name + " object was used after its pybridge::Session "
                     "was closed (closing a session drops its objects)");
  if (worker && worker != handle.worker)
    throw BridgeError("one call cannot use objects held by two different workers; create "
                      "them in one pybridge::Session");
  worker = handle.worker;
  pinned = true;
  // The objects the call creates join the current session when it lives on the same worker,
  // else the session of the object the call is on.
  if (!session || !session->adopt(handle.worker)) session = handle.session;
}

} // namespace detail

std::string Object::type_name() const { return handle_ ? handle_->type_name : "NoneType"; }

std::string Object::str() const {
  if (!handle_) return "None";
  return call<std::string>("__str__");
}

std::string Object::repr() const {
  if (!handle_) return "None";
  return call<std::string>("__repr__");
}

std::ostream &operator<<(std::ostream &out, const Object &object) { return out << object.str(); }

} // namespace pybridge
