// Object handles: release on the worker, pinning calls, and the Python-computed strings.
#include "handle.hpp"
#include "pybridge.pb.h"
#include "session_state.hpp"
#include "value_walk.hpp"
#include "worker.hpp"

#include <pybridge/pybridge.hpp>

#include <ostream>

namespace pybridge {
namespace detail {

Handle::~Handle() {
  // Also in a closed session: a reply racing the close may have registered the
  // object after the session's objects were dropped (an unknown id is ignored).
  location_.worker->release_later(location_.id);
  for (const Location &old : left_behind_)
    old.worker->release_later(old.id);
}

void Handle::moved(Location to) {
  std::lock_guard lock(mutex_);
  left_behind_.push_back(std::exchange(location_, std::move(to)));
}

void CallContext::hold(const std::shared_ptr<Handle> &handle, v1::ObjectRef *ref) {
  if (handle->session && handle->session->closed())
    throw ObjectLost("a " + handle->type_name +
                     " object was used after its pybridge::Session "
                     "was closed (closing a session drops its objects)");
  held.push_back({handle, ref});
}

void for_each_object(const v1::Value &value,
                     const std::function<void(const v1::ObjectRef &)> &visit) {
  walk_values(value, [&](const v1::Value &part) {
    if (part.has_object())
      visit(part.object());
  });
}

void for_each_object(v1::Value &value, const std::function<void(v1::ObjectRef &)> &visit) {
  walk_values(value, [&](v1::Value &part) {
    if (part.has_object())
      visit(*part.mutable_object());
  });
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

std::string Object::type_name() const { return *this ? handle_.get()->type_name : "NoneType"; }

std::string Object::str() const {
  if (!*this)
    return "None";
  return call<std::string>("__str__");
}

std::string Object::repr() const {
  if (!*this)
    return "None";
  return call<std::string>("__repr__");
}

std::ostream &operator<<(std::ostream &out, const Object &object) { return out << object.str(); }

} // namespace pybridge
