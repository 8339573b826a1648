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

namespace {
// The parts of a value, read-only or writable, so one walk serves both for_each_object.
const v1::ObjectRef &object_of(const v1::Value &value) { return value.object(); }
v1::ObjectRef &object_of(v1::Value &value) { return *value.mutable_object(); }
const v1::ValueList &list_of(const v1::Value &value) {
  return value.has_list_value()    ? value.list_value()
         : value.has_tuple_value() ? value.tuple_value()
                                   : value.set_value();
}
v1::ValueList &list_of(v1::Value &value) {
  return value.has_list_value()    ? *value.mutable_list_value()
         : value.has_tuple_value() ? *value.mutable_tuple_value()
                                   : *value.mutable_set_value();
}
const v1::DictValue &dict_of(const v1::Value &value) { return value.dict_value(); }
v1::DictValue &dict_of(v1::Value &value) { return *value.mutable_dict_value(); }
const auto &items_of(const v1::ValueList &list) { return list.items(); }
auto &items_of(v1::ValueList &list) { return *list.mutable_items(); }
const auto &keys_of(const v1::DictValue &dict) { return dict.keys(); }
auto &keys_of(v1::DictValue &dict) { return *dict.mutable_keys(); }
const auto &values_of(const v1::DictValue &dict) { return dict.values(); }
auto &values_of(v1::DictValue &dict) { return *dict.mutable_values(); }

template <class V, class Visit> void visit_objects(V &value, const Visit &visit) {
  switch (value.kind_case()) {
  case v1::Value::kObject:
    visit(object_of(value));
    break;
  case v1::Value::kListValue:
  case v1::Value::kTupleValue:
  case v1::Value::kSetValue:
    for (auto &item : items_of(list_of(value)))
      visit_objects(item, visit);
    break;
  case v1::Value::kDictValue: {
    auto &dict = dict_of(value);
    for (auto &key : keys_of(dict))
      visit_objects(key, visit);
    for (auto &item : values_of(dict))
      visit_objects(item, visit);
    break;
  }
  default:
    break;
  }
}
} // namespace

void for_each_object(const v1::Value &value,
                     const std::function<void(const v1::ObjectRef &)> &visit) {
  visit_objects(value, visit);
}

void for_each_object(v1::Value &value, const std::function<void(v1::ObjectRef &)> &visit) {
  visit_objects(value, visit);
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
