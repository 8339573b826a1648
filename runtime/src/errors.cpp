#include "errors_internal.hpp"

#include <algorithm>
#include <string_view>

namespace pybridge {

namespace {
std::string describe(const std::string &type, const std::string &message) {
  return message.empty() ? type : type + ": " + message;
}
} // namespace

PythonError::PythonError(std::string type, std::string module, std::string message,
                         std::string traceback, std::vector<std::string> bases)
    : Error(describe(type, message)), type_(std::move(type)), module_(std::move(module)),
      message_(std::move(message)), traceback_(std::move(traceback)), bases_(std::move(bases)) {}

bool PythonError::is_instance(const std::string &qualified_name) const {
  return std::find(bases_.begin(), bases_.end(), qualified_name) != bases_.end();
}

namespace detail {

namespace {
template <class E> [[noreturn]] void raise(const v1::PythonException &error) {
  throw E(error.type(), error.module(), error.message(), error.traceback(),
          {error.bases().begin(), error.bases().end()});
}

using Thrower = void (*)(const v1::PythonException &);

// The nearest listed base along the MRO decides the C++ type (most specific first).
struct Mapping {
  std::string_view python;
  Thrower thrower;
};
constexpr Mapping kMappings[] = {
    {"builtins.KeyError", raise<KeyError>},
    {"builtins.IndexError", raise<IndexError>},
    {"builtins.LookupError", raise<LookupError>},
    {"builtins.ZeroDivisionError", raise<ZeroDivisionError>},
    {"builtins.OverflowError", raise<OverflowError>},
    {"builtins.ArithmeticError", raise<ArithmeticError>},
    {"builtins.NotImplementedError", raise<NotImplementedError>},
    {"builtins.RuntimeError", raise<RuntimeError>},
    {"builtins.ValueError", raise<ValueError>},
    {"builtins.TypeError", raise<TypeError>},
    {"builtins.AttributeError", raise<AttributeError>},
    {"builtins.ImportError", raise<ImportError>},
    {"builtins.OSError", raise<OSError>},
    {"builtins.MemoryError", raise<MemoryError>},
    {"builtins.StopIteration", raise<StopIteration>},
};
} // namespace

void throw_python_error(const v1::PythonException &error) {
  for (const std::string &base : error.bases()) {
    for (const Mapping &mapping : kMappings)
      if (mapping.python == base)
        mapping.thrower(error);
  }
  raise<PythonError>(error);
}

void throw_fault(const v1::BridgeFault &fault) {
  const std::string &message = fault.message();
  switch (fault.code()) {
  case v1::BridgeFault::NOT_ALLOWED:
  case v1::BridgeFault::BAD_TARGET:
    throw SetupError(message);
  case v1::BridgeFault::OBJECT_LOST:
    throw ObjectLost(message);
  case v1::BridgeFault::CONVERSION:
    throw ConversionError(message);
  case v1::BridgeFault::TIMEOUT:
    throw TimeoutError(message);
  case v1::BridgeFault::CANCELLED:
    throw CancelledError(message);
  case v1::BridgeFault::DRIFT:
    throw DriftError(message);
  case v1::BridgeFault::PROTOCOL:
    throw ProtocolError(message);
  default:
    throw BridgeError(message);
  }
}

void throw_reply_error(const v1::CallReply &reply) {
  switch (reply.outcome_case()) {
  case v1::CallReply::kError:
    throw_python_error(reply.error());
  case v1::CallReply::kFault:
    throw_fault(reply.fault());
  case v1::CallReply::kResult:
    return;
  default:
    throw ProtocolError("a reply without an outcome");
  }
}

} // namespace detail
} // namespace pybridge
