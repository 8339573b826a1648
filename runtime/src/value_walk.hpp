// One walk over the wire's Value tree, read-only or writable: the values a container holds
// and every value inside another. Object handles, arrays and cache keys are all found by it.
#pragma once

#include "pybridge.pb.h"

#include <type_traits>

namespace pybridge::detail {

/// The items of a list, tuple or set (null for any other kind), read-only or writable.
inline const v1::ValueList *sequence_of(const v1::Value &value) noexcept {
  switch (value.kind_case()) {
  case v1::Value::kListValue:
    return &value.list_value();
  case v1::Value::kTupleValue:
    return &value.tuple_value();
  case v1::Value::kSetValue:
    return &value.set_value();
  default:
    return nullptr;
  }
}
inline v1::ValueList *sequence_of(v1::Value &value) {
  switch (value.kind_case()) {
  case v1::Value::kListValue:
    return value.mutable_list_value();
  case v1::Value::kTupleValue:
    return value.mutable_tuple_value();
  case v1::Value::kSetValue:
    return value.mutable_set_value();
  default:
    return nullptr;
  }
}

namespace walk_parts {
// protobuf names the read-only and the writable accessor differently; these give both one name.
inline const auto &items(const v1::ValueList &list) { return list.items(); }
inline auto &items(v1::ValueList &list) { return *list.mutable_items(); }
inline const auto &keys(const v1::Value &value) { return value.dict_value().keys(); }
inline auto &keys(v1::Value &value) { return *value.mutable_dict_value()->mutable_keys(); }
inline const auto &values(const v1::Value &value) { return value.dict_value().values(); }
inline auto &values(v1::Value &value) { return *value.mutable_dict_value()->mutable_values(); }
inline const auto &columns(const v1::Value &value) { return value.data_frame().columns(); }
inline auto &columns(v1::Value &value) { return *value.mutable_data_frame()->mutable_columns(); }
} // namespace walk_parts

/// Calls `visit` with each value directly inside `value`: the items of a list, tuple or set,
/// a dict's keys then its values, a DataFrame's columns. `V` is v1::Value or const v1::Value.
template <class V, class Visit> void for_each_child(V &value, const Visit &visit) {
  static_assert(std::is_same_v<std::remove_const_t<V>, v1::Value>);
  auto each = [&](auto &values) {
    for (auto &child : values)
      visit(child);
  };
  if (auto *sequence = sequence_of(value))
    return each(walk_parts::items(*sequence));
  switch (value.kind_case()) {
  case v1::Value::kDictValue:
    each(walk_parts::keys(value));
    each(walk_parts::values(value));
    break;
  case v1::Value::kDataFrame:
    each(walk_parts::columns(value));
    break;
  default:
    break;
  }
}

/// Calls `visit` with `value` and every value inside it, containers before their items.
template <class V, class Visit> void walk_values(V &value, const Visit &visit) {
  visit(value);
  for_each_child(value, [&](V &child) { walk_values(child, visit); });
}

/// True when `test` holds for `value` or any value inside it (stops at the first).
template <class Test> bool any_value(const v1::Value &value, const Test &test) {
  if (test(value))
    return true;
  bool found = false;
  for_each_child(value, [&](const v1::Value &child) { found = found || any_value(child, test); });
  return found;
}

} // namespace pybridge::detail
