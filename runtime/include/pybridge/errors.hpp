// Exceptions thrown by PyBridge calls.
//
//   pybridge::Error            everything PyBridge throws
//   ├─ pybridge::PythonError   the Python code raised; common types have subclasses
//   └─ pybridge::BridgeError   the bridge itself failed (worker lost, timeout, conversion, ...)
#pragma once

#include <pybridge/detail/requirements.hpp>
#include <pybridge/detail/shared_ref.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace pybridge {
namespace detail {
struct ErrorAccess;
}
#pragma GCC visibility push(default) // exported by the runtime (runtime/CMakeLists.txt)

/// Base of every exception PyBridge throws.
class Error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// A Python exception raised by the called code. `what()` reads "StatisticsError: no median
/// for empty data"; the traceback is the one Python printed, starting at the user's code.
///
/// It is thrown as the C++ class bound to its Python class or to the nearest base of it
/// along the MRO: a library's own exception classes are bound like other classes,
///   struct [[pybridge::bind("networkx.NetworkXNoPath")]] NoPath : pybridge::PythonError {
///     using PythonError::PythonError;
///   };
/// else as the nearest class listed below (statistics.StatisticsError as ValueError).
class PythonError : public Error {
public:
  PythonError(std::string type, std::string module, std::string message, std::string traceback,
              std::vector<std::string> bases);

  /// The exception's class name, e.g. "StatisticsError".
  const std::string &type() const noexcept { return type_; }
  /// The module defining the class, e.g. "statistics" ("builtins" for ValueError).
  const std::string &module() const noexcept { return module_; }
  /// str(exception).
  const std::string &message() const noexcept { return message_; }
  /// The formatted Python traceback.
  const std::string &traceback() const noexcept { return traceback_; }
  /// True when the exception is an instance of the class with this qualified name, e.g.
  /// is_instance("builtins.ValueError") for a StatisticsError.
  bool is_instance(const std::string &qualified_name) const;
  /// The exception this one was raised from (`raise ... from cause`), or during whose
  /// handling it was raised (unless `from None`): what Python prints above it. Its dynamic
  /// type is the C++ class it would be thrown as (dynamic_cast it, or rethrow() it to catch
  /// it by type); null when there is none.
  const PythonError *cause() const noexcept { return cause_.get(); }
  /// Throws this exception again as the C++ class it was thrown as (cause()->rethrow()).
  [[noreturn]] void rethrow() const;

private:
  friend struct detail::ErrorAccess;
  std::string type_, module_, message_, traceback_;
  std::vector<std::string> bases_;
  detail::SharedRef<const PythonError> cause_;
  void (*rethrow_)(const PythonError &) = nullptr;
};

// Common Python exception types, each as (C++ class = Python class in builtins, C++ base).
// A Python subclass is thrown as its nearest listed base: statistics.StatisticsError is
// caught by `catch (pybridge::ValueError&)`. The runtime maps the Python names from this
// same list.
#define PYBRIDGE_PYTHON_ERRORS(X)                                                                  \
  X(ValueError, PythonError)                                                                       \
  X(TypeError, PythonError)                                                                        \
  X(LookupError, PythonError)                                                                      \
  X(KeyError, LookupError)                                                                         \
  X(IndexError, LookupError)                                                                       \
  X(AttributeError, PythonError)                                                                   \
  X(ArithmeticError, PythonError)                                                                  \
  X(ZeroDivisionError, ArithmeticError)                                                            \
  X(OverflowError, ArithmeticError)                                                                \
  X(RuntimeError, PythonError)                                                                     \
  X(NotImplementedError, RuntimeError)                                                             \
  X(OSError, PythonError)                                                                          \
  X(ImportError, PythonError)                                                                      \
  X(MemoryError, PythonError)                                                                      \
  X(StopIteration, PythonError)

#define PYBRIDGE_PYTHON_ERROR_CLASS(Name, Base)                                                    \
  class Name : public Base {                                                                       \
  public:                                                                                          \
    using Base::Base;                                                                              \
  };
PYBRIDGE_PYTHON_ERRORS(PYBRIDGE_PYTHON_ERROR_CLASS)
#undef PYBRIDGE_PYTHON_ERROR_CLASS

/// A failure of the bridge itself rather than of the Python code.
class BridgeError : public Error {
public:
  using Error::Error;
};

/// The worker running the call died (it is restarted; the call is not retried unless marked
/// idempotent).
class WorkerLost : public BridgeError {
public:
  using BridgeError::BridgeError;
};

/// The call ran past its timeout; it was cancelled on the worker.
class TimeoutError : public BridgeError {
public:
  using BridgeError::BridgeError;
};

/// The call was cancelled.
class CancelledError : public BridgeError {
public:
  using BridgeError::BridgeError;
};

/// A Python object handle outlived the worker holding it ("object lost with worker").
class ObjectLost : public BridgeError {
public:
  using BridgeError::BridgeError;
};

/// A value could not be converted: an int out of range, a wrong type, a lossy conversion.
class ConversionError : public BridgeError {
public:
  using BridgeError::BridgeError;
};

/// The module, attribute or worker could not be reached: unknown name, not in the allowlist,
/// a worker that does not start.
class SetupError : public BridgeError {
public:
  using BridgeError::BridgeError;
};

/// The Python library differs from the one the program was compiled against.
class DriftError : public BridgeError {
public:
  using BridgeError::BridgeError;
};

/// A limit was reached: too many calls waiting for the workers (Options::max_queue; the call
/// was not sent), or too many live objects on a worker (Options::max_objects; the call ran,
/// its result could not be kept). Try again later, or shed load.
class Overloaded : public BridgeError {
public:
  using BridgeError::BridgeError;
};

/// A malformed or oversized message.
class ProtocolError : public BridgeError {
public:
  using BridgeError::BridgeError;
};

#pragma GCC visibility pop
} // namespace pybridge
