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
//
// This header is kept light (it is in every binding file's compile time; docs/performance.md):
// what only some programs need comes from its own header.
//   <pybridge/config.hpp>     configure(Options), shutdown(), on_every_worker(), CallOptions
//   <pybridge/stream.hpp>     pybridge::Stream<T> results, range-for over a pybridge::Object
//   <pybridge/future.hpp>     std::future<T> results
//   <pybridge/ndarray.hpp>    pybridge::NDArray (numpy arrays)
//   <pybridge/dataframe.hpp>  pybridge::DataFrame (pandas)
//   <pybridge/session.hpp>    pybridge::Session
//   <pybridge/telemetry.hpp>  call events, metrics, pool_stats()
// Standard containers, std::variant, std::complex and std::chrono types convert with their own
// standard header alone (convert.hpp knows them by their members).
#pragma once

#include <pybridge/detail/requirements.hpp>

#include <pybridge/callback.hpp>
#include <pybridge/convert.hpp>
#include <pybridge/detail/call.hpp>
#include <pybridge/detail/exception_classes.hpp>
#include <pybridge/errors.hpp>
#include <pybridge/object.hpp>
#include <pybridge/protocols.hpp>
#include <pybridge/value.hpp>

#include <string>
#include <string_view>

namespace pybridge {
#pragma GCC visibility push(default) // exported by the runtime (runtime/CMakeLists.txt)

/// Calls a Python callable by its dotted path: call<double>("math.sqrt", 2.0). Keyword
/// arguments are written kw("name", value). The target is only a name (it may come from
/// data): it carries no keywords or flags the way a stub's call site does.
template <class R = Object, class... Args> R call(std::string_view target, const Args &...args) {
  return detail::call_dynamic<R>(nullptr, nullptr, target, args...);
}

/// The same with a cache lifetime or retries: call<long>({.cache = 60s}, "math.factorial", 20)
/// (CallOptions: <pybridge/config.hpp>).
template <class R = Object, class... Args>
R call(const CallOptions &options, std::string_view target, const Args &...args) {
  return detail::call_dynamic<R>(&options, nullptr, target, args...);
}

/// Reads a module attribute or constant: attr<double>("math.pi").
template <class R = Object> R attr(std::string_view path) {
  return detail::get_attr_dynamic<R>(nullptr, path);
}

template <class R, class... Args>
R Object::call(std::string_view method, const Args &...args) const {
  return detail::call_dynamic<R>(nullptr, this, method, args...);
}

template <class R> R Object::attr(std::string_view name) const {
  return detail::get_attr_dynamic<R>(this, name);
}

template <class T> void Object::set_attr(std::string_view name, const T &value) const {
  detail::set_attr_dynamic(*this, name, value);
}

#pragma GCC visibility pop
} // namespace pybridge

// Stubs need the plugin: it checks them against Python and writes their bodies, and it
// predefines __PYBRIDGE_PLUGIN__ (so does pybridge-check). Without it a stub would compile to an
// undefined reference, so the first one is an error whose note (the #define below) names the
// fix. PYBRIDGE_QUIET_WITHOUT_PLUGIN, which pybridge-config --cxxflags, pybridge.pc and
// PyBridge::runtime set next to -fplugin, keeps tools that read those flags but load no plugin
// (clangd, clang-tidy) quiet about stubs instead; a file that only uses pybridge::call may set
// it too.
// The #define's comment is the note clang shows: it stays on one line.
// clang-format off
#if !defined(__PYBRIDGE_PLUGIN__)
#if defined(PYBRIDGE_QUIET_WITHOUT_PLUGIN)
#if defined(__clang__)
#pragma clang diagnostic ignored "-Wunknown-attributes"
#elif defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wattributes"
#endif
#elif defined(__clang__)
#pragma clang diagnostic fatal "-Wunknown-attributes"
#define pybridge pybridge // stubs need the PyBridge plugin: compile with clang++-19 $(pybridge-config --cxxflags), or link PyBridge::runtime in CMake
#elif defined(__GNUC__)
// GCC cannot load the plugin, and puts the error at the end of the stub, not at a macro.
#pragma GCC diagnostic error "-Wattributes"
#warning "stubs need the PyBridge plugin, which loads into clang 19: compile with clang++-19 $(pybridge-config --cxxflags) (only pybridge::call works without it: define PYBRIDGE_QUIET_WITHOUT_PLUGIN)"
#endif
#endif
// clang-format on
