// detail::Call: building a request, running it, turning the reply into a result or an error.
#include "errors_internal.hpp"
#include "exchange.hpp"

#include <pybridge/detail/call.hpp>

namespace pybridge::detail {

struct Call::Impl {
  v1::CallRequest request;
  CallContext context;
  std::shared_ptr<Handle> self; // keeps the object alive while the call runs
  std::unique_ptr<Exchange> exchange;
  bool skipped_positional = false;
  std::string library_module, library_hash;
};

namespace {
v1::CallRequest::Op wire_op(Op op) {
  switch (op) {
  case Op::Call: return v1::CallRequest::CALL;
  case Op::GetAttr: return v1::CallRequest::GET_ATTR;
  case Op::SetAttr: return v1::CallRequest::SET_ATTR;
  case Op::Stream: return v1::CallRequest::STREAM;
  }
  return v1::CallRequest::CALL;
}

void check_drift(Runtime &runtime, const std::string &module, const std::string &expected) {
  if (runtime.options().drift == DriftPolicy::Ignore || !runtime.first_use_of(module)) return;
  v1::CallRequest request;
  request.set_op(v1::CallRequest::LIBRARY_HASH);
  request.set_target(module);
  CallContext context;
  Exchange exchange(runtime, context, request);
  const v1::Frame &frame = exchange.next();
  throw_reply_error(frame.reply());
  const std::string &actual = frame.reply().result().str_value();
  if (actual == expected) return;
  std::string message = "the Python module '" + module +
                        "' changed since this program was compiled (descriptor hash " +
                        expected.substr(0, 12) + " at build time, " + actual.substr(0, 12) +
                        " now); rebuild, or set PYBRIDGE_DRIFT=warn";
  if (runtime.options().drift == DriftPolicy::Error) throw DriftError(message);
  runtime.log("warning: " + message);
}

/// A stream's frames, read as the loop asks for them.
class ExchangeStream final : public StreamState {
public:
  explicit ExchangeStream(std::unique_ptr<Call::Impl> call) : call_(std::move(call)) {}

  const v1::Value *next() override {
    const v1::Frame &frame = call_->exchange->next();
    if (frame.has_item()) {
      call_->context.adopt(frame.item().item(), frame.item().new_objects());
      return &frame.item().item();
    }
    call_->context.adopt(frame.reply().result(), frame.reply().new_objects());
    throw_reply_error(frame.reply());
    return nullptr;
  }
  void cancel() noexcept override { call_->exchange->cancel(); }
  CallContext *context() noexcept override { return &call_->context; }

private:
  std::unique_ptr<Call::Impl> call_;
};
} // namespace

Call::Call(Op op, std::string_view target, const Object *self) : impl_(std::make_unique<Impl>()) {
  v1::CallRequest &request = impl_->request;
  request.set_op(wire_op(op));
  if (self == nullptr) {
    request.set_target(std::string(target));
    return;
  }
  const auto &handle = ObjectAccess::handle(*self);
  if (!handle)
    throw ObjectLost("'" + std::string(target) + "' called on an empty pybridge::Object");
  impl_->self = handle;
  impl_->context.pin_to(*handle);
  request.set_self_id(handle->id);
  request.set_attribute(std::string(target));
}

Call::Call(Call &&) noexcept = default;
Call &Call::operator=(Call &&) noexcept = default;
Call::~Call() = default;

ValueBuilder Call::arg(std::string_view keyword) {
  if (keyword.empty() && impl_->skipped_positional)
    throw ConversionError("an empty std::optional argument was left out, so the positional "
                          "arguments after it cannot be passed; pass them by keyword");
  v1::Argument *argument = impl_->request.add_args();
  if (!keyword.empty()) argument->set_name(std::string(keyword));
  return ValueBuilder(*argument->mutable_value(), &impl_->context);
}

void Call::skip_positional() { impl_->skipped_positional = true; }

void Call::want_object() { impl_->request.set_result_as_object(true); }

void Call::check_library(std::string_view module, std::string_view hash) {
  impl_->library_module = module;
  impl_->library_hash = hash;
}

void Call::start() {
  Runtime &runtime = Runtime::get();
  if (!impl_->library_module.empty())
    check_drift(runtime, impl_->library_module, impl_->library_hash);
  impl_->exchange = std::make_unique<Exchange>(runtime, impl_->context, impl_->request);
}

ValueRef Call::run() {
  start();
  const v1::Frame &frame = impl_->exchange->next();
  if (!frame.has_reply()) throw ProtocolError("a stream item in reply to a plain call");
  impl_->context.adopt(frame.reply().result(), frame.reply().new_objects());
  throw_reply_error(frame.reply());
  return ValueRef(frame.reply().result(), &impl_->context);
}

std::shared_ptr<StreamState> Call::run_stream() {
  start();
  return std::make_shared<ExchangeStream>(std::move(impl_));
}

} // namespace pybridge::detail
