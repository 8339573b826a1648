#include "errors_internal.hpp"
#include "shared_ref.hpp"

#include <pybridge/detail/exception_classes.hpp>

#include <algorithm>
#include <mutex>
#include <string_view>
#include <unordered_map>

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

void PythonError::rethrow() const {
  if (rethrow_ != nullptr)
    rethrow_(*this);
  throw *this;
}

namespace detail {

namespace {
// The classes of errors.hpp, by the Python class each stands for.
struct Builtin {
  std::string_view python;
  ErrorFactory make;
};
#define PYBRIDGE_BUILTIN_ERROR(Name, Base) {"builtins." #Name, make_error<Name>},
constexpr Builtin kBuiltins[] = {PYBRIDGE_PYTHON_ERRORS(PYBRIDGE_BUILTIN_ERROR)};
#undef PYBRIDGE_BUILTIN_ERROR

// Classes bound by stubs, registered before main (and by libraries loaded later).
class ExceptionClasses {
public:
  static ExceptionClasses &instance() {
    static ExceptionClasses classes;
    return classes;
  }
  void add(std::string_view python_name, ErrorFactory make) {
    std::lock_guard<std::mutex> lock(mutex_);
    bound_.try_emplace(std::string(python_name), make);
  }
  /// The factory of the nearest class along the MRO that has a C++ class: a bound one, else
  /// one of errors.hpp, else PythonError itself.
  ErrorFactory nearest(const google::protobuf::RepeatedPtrField<std::string> &mro) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const std::string &base : mro) {
      if (auto bound = bound_.find(base); bound != bound_.end())
        return bound->second;
      for (const Builtin &builtin : kBuiltins)
        if (builtin.python == base)
          return builtin.make;
    }
    return make_error<PythonError>;
  }

private:
  std::mutex mutex_;
  std::unordered_map<std::string, ErrorFactory> bound_;
};

std::shared_ptr<PythonError> make_python_error(const v1::PythonException &error) {
  ErrorFactory make = ExceptionClasses::instance().nearest(error.bases());
  std::shared_ptr<PythonError> made(make({error.type(),
                                          error.module(),
                                          error.message(),
                                          error.traceback(),
                                          {error.bases().begin(), error.bases().end()}}));
  if (error.has_cause()) // the agent bounds the chain's length
    ErrorAccess::set_cause(
        *made, shared_ref(std::shared_ptr<const PythonError>(make_python_error(error.cause()))));
  return made;
}
} // namespace

bool register_exception_class(std::string_view python_name, ErrorFactory make) {
  ExceptionClasses::instance().add(python_name, make);
  return true;
}

void throw_python_error(const v1::PythonException &error) { make_python_error(error)->rethrow(); }

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
  case v1::BridgeFault::LIMIT:
    throw Overloaded(message);
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
