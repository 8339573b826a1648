// Python's protocols in C++ idiom, on pybridge::Object and the bound classes deriving it:
//
//   for (pybridge::Value key : dict) ...          iter(dict), lazily (<pybridge/stream.hpp>)
//   dict.size(); dict.contains("a");              len(dict), "a" in dict
//   long n = counter["a"]; counter["b"] = 3;      counter["a"], counter["b"] = 3
//   counter.erase("b");                           del counter["b"]
//   a == b; std::unordered_set<Fraction> s;       a == b, hash(a)
//   pybridge::with(open_file, [&](pybridge::Object f) { ... });   with open_file as f: ...
//
// Each runs on the object's worker as Python's syntax runs it (len() checks the result,
// `in` falls back on iteration, == tries the reflected __eq__). docs/runtime.md#protocols.
#pragma once

#include <pybridge/convert.hpp>
#include <pybridge/detail/call.hpp>
#include <pybridge/object.hpp>
#include <pybridge/value.hpp>

#include <cstddef>
#include <type_traits>
#include <utility>

namespace pybridge {
#pragma GCC visibility push(default) // exported by the runtime (runtime/CMakeLists.txt)

/// obj[key], read or written. Made by Object::operator[]; use it in the expression that made
/// it (it refers to nothing but copies of the object and key).
template <class K> class Item {
public:
  Item(Object owner, K key) : owner_(std::move(owner)), key_(std::move(key)) {}

  /// obj[key] as a T.
  template <class T> T get() const { return owner_.call<T>("__getitem__", key_); }
  /// `long n = counter["a"];`
  template <class T> operator T() const { return get<T>(); }

  /// obj[key] = value.
  template <class V> const Item &operator=(const V &value) const {
    owner_.call<void>("__setitem__", key_, value);
    return *this;
  }
  /// obj[key] = other[key2]: the value read, then written.
  const Item &operator=(const Item &other) const { return *this = other.template get<Value>(); }
  template <class K2> const Item &operator=(const Item<K2> &other) const {
    return *this = other.template get<Value>();
  }

private:
  Object owner_;
  K key_;
};

/// Writes str(obj[key]) (with <ostream> included).
template <class K> std::ostream &operator<<(std::ostream &out, const Item<K> &item) {
  return out << item.template get<Value>();
}

template <class T> bool Object::contains(const T &item) const {
  return call<bool>("__contains__", item);
}

template <class K> Item<std::decay_t<const K &>> Object::operator[](const K &key) const {
  return {*this, key};
}

template <class K> void Object::erase(const K &key) const { call<void>("__delitem__", key); }

namespace detail {
/// Runs `manager`'s __exit__ for the exception being handled; true when it swallowed it.
bool exit_with_current_exception(const Object &manager);
} // namespace detail

/// Python's `with manager as value: body(value)` as a C++ scope: __enter__, then `body` (given
/// what __enter__ returned, or nothing), then __exit__. An exception leaving `body` is passed
/// to __exit__ as Python would pass it (a PythonError as its own Python class, any other
/// exception as RuntimeError(what())) and thrown on unless __exit__ returns true.
template <class Body> void with(const Object &manager, Body &&body) {
  Object value = manager.call<Object>("__enter__");
  try {
    if constexpr (std::is_invocable_v<Body, Object &>)
      std::forward<Body>(body)(value);
    else
      std::forward<Body>(body)();
  } catch (...) {
    if (!detail::exit_with_current_exception(manager))
      throw;
    return;
  }
  manager.call<bool>("__exit__");
}

#pragma GCC visibility pop
} // namespace pybridge

/// hash(obj), for unordered containers of Objects and bound classes.
template <class T>
requires std::is_base_of_v<pybridge::Object, T>
struct std::hash<T> {
  std::size_t operator()(const T &object) const { return object.hash(); }
};
