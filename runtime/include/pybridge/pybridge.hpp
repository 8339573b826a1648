// PyBridge: call Python libraries from C++, checked by the compiler.
//
// Write stubs, compile with the plugin (`clang++ $(pybridge-config --cxxflags) ...`):
//
//   [[pybridge::bind("statistics.median")]] double median(std::vector<double> data);
//
//   struct [[pybridge::bind("fractions.Fraction")]] Fraction : pybridge::Object {
//     using pybridge::Object::Object;   // Python returns Fractions too: adopt them
//     Fraction(long numerator, long denominator);
//     Fraction limit_denominator(long max_denominator);
//   };
//
// or call by name without a stub: pybridge::call<double>("math.sqrt", 2.0),
// pybridge::attr<double>("math.pi"), obj.call<long>("method", pybridge::kw("name", 3)).
// Results whose type is only known at run time: pybridge::Value (value.hpp). The type
// mapping is docs/type-mapping.md.
//
// Python runs in worker processes; a Python exception arrives as pybridge::PythonError.
#pragma once

#include <pybridge/detail/requirements.hpp>

#include <pybridge/config.hpp>
#include <pybridge/convert.hpp>
#include <pybridge/detail/call.hpp>
#include <pybridge/errors.hpp>
#include <pybridge/ndarray.hpp>
#include <pybridge/object.hpp>
#include <pybridge/session.hpp>
#include <pybridge/stream.hpp>
#include <pybridge/telemetry.hpp>
#include <pybridge/value.hpp>

#include <string>
#include <string_view>

namespace pybridge {

/// Calls a Python callable by its dotted path: call<double>("math.sqrt", 2.0). Keyword
/// arguments are written kw("name", value).
template <class R = Object, class... Args> R call(std::string_view target, const Args &...args) {
  return detail::invoke<R>(target, args...);
}

/// The same with a cache lifetime or retries: call<long>({.cache = 60s}, "math.factorial", 20).
template <class R = Object, class... Args>
R call(const CallOptions &options, std::string_view target, const Args &...args) {
  return detail::invoke_with<R>(options, target, args...);
}

/// Reads a module attribute or constant: attr<double>("math.pi").
template <class R = Object> R attr(std::string_view path) {
  return detail::get_attr<R>(nullptr, path);
}

template <class R, class... Args>
R Object::call(std::string_view method, const Args &...args) const {
  return detail::invoke_method<R>(*this, method, args...);
}

template <class R> R Object::attr(std::string_view name) const {
  return detail::get_attr<R>(this, name);
}

template <class T> void Object::set_attr(std::string_view name, const T &value) const {
  detail::set_attr(*this, name, value);
}

} // namespace pybridge
