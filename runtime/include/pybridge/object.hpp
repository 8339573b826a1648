// pybridge::Object: a handle to a Python object living on a worker.
#pragma once

#include <pybridge/detail/shared_ref.hpp>

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace pybridge {

namespace detail {
struct Handle;
struct ObjectAccess;
/// Wraps a handle for the constructor that adopts it (see Object(detail::Adopt)).
struct Adopt {
  SharedRef<Handle> handle;
};
} // namespace detail
#pragma GCC visibility push(default) // exported by the runtime (runtime/CMakeLists.txt)

class ObjectIterator;
template <class K> class Item;
template <class T> class Stream;

/// A reference to a Python object held by a worker. Copies share the object; the worker
/// releases it when the last copy in this process is destroyed. Bound stub classes derive
/// from Object; methods are called on the worker that holds the object.
class Object {
public:
  /// Holds no object (like a null pointer).
  Object() noexcept = default;
  /// Adopts a handle received from a worker. Stub classes returned by value from Python
  /// inherit this constructor with `using pybridge::Object::Object;`.
  explicit Object(detail::Adopt adopt) noexcept : handle_(std::move(adopt.handle)) {}

  explicit operator bool() const noexcept { return handle_.get() != nullptr; }

  /// The Python type's qualified name, e.g. "fractions.Fraction".
  std::string type_name() const;

  /// Calls a method by name: obj.call<double>("limit_denominator", 100). Keyword arguments
  /// are written kw("name", value).
  template <class R = Object, class... Args>
  R call(std::string_view method, const Args &...args) const;

  /// Reads an attribute or property: obj.attr<std::string>("answer").
  template <class R = Object> R attr(std::string_view name) const;

  /// Sets an attribute: obj.set_attr("temperature", 0.5).
  template <class T> void set_attr(std::string_view name, const T &value) const;

  /// str(obj) and repr(obj), computed by Python.
  std::string str() const;
  std::string repr() const;

  // Python's protocols, each run as Python's syntax runs it (<pybridge/protocols.hpp>).

  /// len(obj).
  std::size_t size() const;
  /// `item in obj`.
  template <class T> bool contains(const T &item) const;
  /// obj[key]: read it as a T (`long n = counter["a"];`, `.get<T>()`), write it
  /// (`obj[key] = value;`).
  template <class K> Item<std::decay_t<const K &>> operator[](const K &key) const;
  /// del obj[key].
  template <class K> void erase(const K &key) const;
  /// iter(obj), lazily, as a stream of T: `for (long n : obj.iterate<long>())`. Iteration
  /// is defined in <pybridge/stream.hpp>.
  template <class T> Stream<T> iterate() const;
  /// Range-for over iter(obj), items as pybridge::Value: `for (pybridge::Value key : dict)`.
  ObjectIterator begin() const;
  auto end() const noexcept; // std::default_sentinel: <iterator> is stream.hpp's to include
  /// hash(obj) (std::hash<Object> uses it).
  std::size_t hash() const;
  /// bool(a == b), Python's == (its __eq__, the reflected one, then identity).
  friend bool operator==(const Object &a, const Object &b);

private:
  friend struct detail::ObjectAccess;
  detail::SharedRef<detail::Handle> handle_;
};

namespace detail {
struct ObjectAccess {
  static const SharedRef<Handle> &handle(const Object &object) { return object.handle_; }
  static void reset(Object &object, SharedRef<Handle> handle) {
    object.handle_ = std::move(handle);
  }
};
} // namespace detail

/// Writes str(obj).
std::ostream &operator<<(std::ostream &out, const Object &object);

/// A keyword argument for dynamic calls: pybridge::call<std::string>("textwrap.shorten",
/// text, kw("width", 12)). It copies the name and a temporary value (a named value is
/// referred to), so a Keyword may be kept and passed later.
template <class T> struct Keyword {
  std::string name;
  T value; // `U &` for a named value, `U` for a temporary
};
template <class T> Keyword<T> kw(std::string_view name, T &&value) {
  return {std::string(name), std::forward<T>(value)};
}

#pragma GCC visibility pop
} // namespace pybridge
