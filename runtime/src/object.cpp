// Object handles: release on the worker, pinning calls, and the Python-computed strings.
#include "handle.hpp"
#include "pybridge.pb.h"
#include "session_state.hpp"
#include "worker.hpp"

#include <pybridge/pybridge.hpp>

#include <ostream>

namespace pybridge {
namespace detail {

Handle::~Handle() {
  // Also in a closed session: a reply racing the close may have registered the
  // object after the session's objects were dropped (an unknown id is ignored).
  worker->release_later(id);
}

void CallContext::pin_to(const Handle &handle) {
  if (handle.session && handle.session->closed())
    throw ObjectLost("a " + handle.type_name +
                     " object was used after its pybridge::Session "
                     "was closed (closing a session drops its objects)");
  if (worker && worker != handle.worker)
    throw BridgeError("one call cannot use objects held by two different workers; create "
                      "them in one pybridge::Session");
  worker = handle.worker;
  pinned = true;
  // The objects the call creates join the current session when it lives on the same worker,
  // else the session of the object the call is on.
  if (!session || !session->adopt(handle.worker))
    session = handle.session;
}

void CallContext::hold(const std::shared_ptr<Handle> &handle) {
  pin_to(*handle);
  held.push_back(handle);
}

void for_each_object(const v1::Value &value,
                     const std::function<void(const v1::ObjectRef &)> &visit) {
  auto items = [&](const v1::ValueList &list) {
    for (const v1::Value &item : list.items())
      for_each_object(item, visit);
  };
  switch (value.kind_case()) {
  case v1::Value::kObject:
    visit(value.object());
    break;
  case v1::Value::kListValue:
    items(value.list_value());
    break;
  case v1::Value::kTupleValue:
    items(value.tuple_value());
    break;
  case v1::Value::kSetValue:
    items(value.set_value());
    break;
  case v1::Value::kDictValue:
    for (const v1::Value &key : value.dict_value().keys())
      for_each_object(key, visit);
    for (const v1::Value &item : value.dict_value().values())
      for_each_object(item, visit);
    break;
  default:
    break;
  }
}

void CallContext::adopt_ids(const v1::Value &value, const std::uint64_t *ids, std::size_t count) {
  if (!worker)
    throw ProtocolError("a reply with objects but no worker");
  // Handles are made before anything can throw, so every id is released exactly once.
  for (std::size_t i = 0; i < count; ++i) {
    auto [slot, inserted] = received.try_emplace(ids[i]);
    if (inserted)
      slot->second = std::make_shared<Handle>(worker, session, ids[i], std::string());
  }
  for_each_object(value, [this](const v1::ObjectRef &ref) {
    if (auto found = received.find(ref.id()); found != received.end())
      found->second->type_name = ref.type_name();
  });
}

const std::shared_ptr<Handle> &CallContext::received_object(std::uint64_t id) const {
  auto found = received.find(id);
  if (found == received.end())
    throw ProtocolError("the reply names object #" + std::to_string(id) +
                        ", which it did not register");
  return found->second;
}

} // namespace detail

std::string Object::type_name() const { return handle_ ? handle_->type_name : "NoneType"; }

std::string Object::str() const {
  if (!handle_)
    return "None";
  return call<std::string>("__str__");
}

std::string Object::repr() const {
  if (!handle_)
    return "None";
  return call<std::string>("__repr__");
}

std::ostream &operator<<(std::ostream &out, const Object &object) { return out << object.str(); }

} // namespace pybridge
