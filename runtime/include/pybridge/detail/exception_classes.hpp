// The C++ classes bound to Python exception classes. Not an API: the plugin registers each
// class a stub binds, `struct [[pybridge::bind("m.E")]] E : pybridge::PythonError`, before
// main (one registration per translation unit that defines it; the first one counts).
#pragma once

#include <pybridge/errors.hpp>

#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace pybridge::detail {
#pragma GCC visibility push(default) // exported by the runtime (runtime/CMakeLists.txt)

/// What a Python exception says about itself (PythonError's constructor arguments).
struct ErrorFields {
  std::string type, module, message, traceback;
  std::vector<std::string> bases;
};

/// Makes the C++ exception for one Python exception class (the caller owns it).
using ErrorFactory = PythonError *(*)(ErrorFields &&fields);

struct ErrorAccess {
  static void set_cause(PythonError &error, SharedRef<const PythonError> cause) {
    error.cause_ = std::move(cause);
  }
  static void set_rethrow(PythonError &error, void (*rethrow)(const PythonError &)) {
    error.rethrow_ = rethrow;
  }
};

template <class E> [[noreturn]] void rethrow_as(const PythonError &error) {
  throw static_cast<const E &>(error);
}

template <class E> PythonError *make_error(ErrorFields &&fields) {
  static_assert(std::is_constructible_v<E, std::string, std::string, std::string, std::string,
                                        std::vector<std::string>>,
                "a class bound to a Python exception class must inherit its base's "
                "constructors: add `using PythonError::PythonError;` (or its own base's)");
  auto *error = new E(std::move(fields.type), std::move(fields.module), std::move(fields.message),
                      std::move(fields.traceback), std::move(fields.bases));
  ErrorAccess::set_rethrow(*error, &rethrow_as<E>);
  return error;
}

/// Throws E for the Python exception class `python_name` ("module.QualName") and its
/// subclasses that have no class of their own. Returns true (the plugin initialises a static
/// variable with it).
bool register_exception_class(std::string_view python_name, ErrorFactory make);

template <class E> bool bind_exception_class(const char *python_name) {
  static_assert(std::is_base_of_v<PythonError, E>, "an exception class derives PythonError");
  return register_exception_class(python_name, &make_error<E>);
}

#pragma GCC visibility pop
} // namespace pybridge::detail
