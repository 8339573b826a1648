// Host callbacks: the registry of C++ callables Python may call, and running one when a worker
// asks (docs/runtime.md, "Callbacks").
#include "callbacks.hpp"
#include "shared_ref.hpp"

#include "worker.hpp"

#include <pybridge/callback.hpp>
#include <pybridge/errors.hpp>

#include <atomic>
#include <cxxabi.h>
#include <mutex>
#include <stdexcept>
#include <string>
#include <unordered_map>

namespace pybridge::detail {

namespace {
std::atomic<std::uint64_t> g_next_callback{1};
std::atomic<std::uint64_t> g_next_exception{1};

std::mutex g_mutex;
std::unordered_map<std::uint64_t, std::weak_ptr<CallbackTarget>> g_callbacks; // by id

std::shared_ptr<CallbackTarget> find_callback(std::uint64_t id) {
  std::lock_guard lock(g_mutex);
  auto found = g_callbacks.find(id);
  return found == g_callbacks.end() ? nullptr : found->second.lock();
}

/// A call Python made wrongly (argument count, an argument that does not convert): a
/// TypeError in Python, never the caller's exception.
class CallbackTypeError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

void python_error(v1::CallReply &reply, const std::string &type, const std::string &module,
                  const std::string &message) {
  reply.clear_result();
  v1::PythonException &error = *reply.mutable_error();
  error.set_type(type);
  error.set_module(module);
  error.set_message(message);
}

/// The C++ name of the exception being handled: "std::invalid_argument".
std::string current_exception_type() {
  const std::type_info *type = abi::__cxa_current_exception_type();
  if (type == nullptr)
    return "unknown";
  int status = 0;
  char *name = abi::__cxa_demangle(type->name(), nullptr, nullptr, &status);
  std::string result = status == 0 && name ? name : type->name();
  std::free(name);
  return result;
}

std::string current_exception_message() {
  try {
    throw;
  } catch (const std::exception &error) {
    return error.what();
  } catch (...) {
    return "a C++ exception of type " + current_exception_type();
  }
}

/// Writes the ids of the objects a callback's result names: they must be on the worker that
/// asked (the call runs there; objects do not move during it).
void place_result_objects(CallContext &context, const std::shared_ptr<Worker> &worker) {
  for (HeldObject &held : context.held) {
    Location location = held.handle->location();
    if (location.worker != worker)
      throw BridgeError("a C++ callback returned a " + held.handle->type_name +
                        " object held by another worker than the one calling it");
    held.ref->set_id(location.id);
  }
}
} // namespace

CallbackTarget::CallbackTarget() : id_(g_next_callback.fetch_add(1)) {}

CallbackTarget::~CallbackTarget() {
  std::lock_guard lock(g_mutex);
  g_callbacks.erase(id_);
}

SharedRef<CallbackTarget> register_callback(CallbackTarget *made) {
  std::shared_ptr<CallbackTarget> target(made);
  std::lock_guard lock(g_mutex);
  g_callbacks[target->id()] = target;
  return shared_ref(std::move(target));
}

void put_callback(ValueBuilder out, const SharedRef<CallbackTarget> &target) {
  CallContext *context = ValueAccess::context(out);
  if (context == nullptr)
    throw ConversionError("a C++ callable can only be passed as an argument of a call");
  ValueAccess::wire(out).mutable_callback()->set_id(target.get()->id());
  context->callbacks.push_back(held(target));
}

void throw_callback_arity(std::size_t expected, std::size_t given) {
  throw CallbackTypeError("the C++ callback takes " + std::to_string(expected) + " argument" +
                          (expected == 1 ? "" : "s") + " (" + std::to_string(given) + " given)");
}

void throw_callback_argument(const ConversionError &error, std::size_t position) {
  throw CallbackTypeError("argument " + std::to_string(position) +
                          " of the C++ callback: " + error.what());
}

v1::Frame CallbackLedger::answer(const v1::CallbackRequest &request,
                                 const std::shared_ptr<Worker> &worker,
                                 const std::shared_ptr<SessionState> &session,
                                 std::vector<std::shared_ptr<SharedMemory>> received,
                                 std::vector<std::shared_ptr<SharedMemory>> &sent) noexcept {
  v1::Frame frame;
  v1::CallReply &reply = *frame.mutable_reply();
  reply.set_call_id(request.call_id());
  auto context = std::make_unique<CallContext>();
  context->worker = worker;
  context->session = session;
  context->received_segments = std::move(received);
  try {
    context->adopt(request.args(), request.new_objects());
    std::shared_ptr<CallbackTarget> target = find_callback(request.callback_id());
    if (!target) {
      python_error(reply, "ReferenceError", "builtins",
                   "the C++ callback was released: a callable passed as an argument lives "
                   "until that call returns; pass a pybridge::Callback to call it later");
    } else {
      target->invoke(ValueAccess::ref(request.args(), context.get()),
                     ValueAccess::builder(*reply.mutable_result(), context.get()));
      place_result_objects(*context, worker);
    }
  } catch (const CallbackTypeError &error) {
    python_error(reply, "TypeError", "builtins", error.what());
  } catch (...) {
    try {
      python_error(reply, current_exception_type(), "", current_exception_message());
      std::uint64_t id = g_next_exception.fetch_add(1);
      reply.mutable_error()->set_host_exception(id);
      thrown_.emplace_back(id, std::current_exception());
    } catch (...) { // out of memory: Python still gets an answer
      reply.mutable_error()->set_host_exception(0);
    }
  }
  sent = std::move(context->sent_segments);
  if (!context->held.empty() || !context->received.empty() || !context->callbacks.empty()) {
    try {
      kept_.push_back(std::move(context));
    } catch (...) {
    }
  }
  return frame;
}

void CallbackLedger::rethrow_if_thrown(const v1::CallReply &reply) {
  if (!reply.has_error() || reply.error().host_exception() == 0)
    return;
  for (auto &[id, exception] : thrown_)
    if (id == reply.error().host_exception())
      std::rethrow_exception(exception);
}

} // namespace pybridge::detail
