// detail::Call, the API synthesized bodies use: building the request (its arguments, policies
// and options); running it is call_runner.cpp's.
#include "call_impl.hpp"
#include "session_state.hpp"
#include "shared_ref.hpp"
#include "text.hpp"
#include "worker_setup.hpp"

namespace pybridge::detail {

namespace {
v1::CallRequest::Op wire_op(Op op) {
  switch (op) {
  case Op::Call:
    return v1::CallRequest::CALL;
  case Op::GetAttr:
    return v1::CallRequest::GET_ATTR;
  case Op::SetAttr:
    return v1::CallRequest::SET_ATTR;
  case Op::Stream:
    return v1::CallRequest::STREAM;
  }
  return v1::CallRequest::CALL;
}

} // namespace

// Delegating: once the inner constructor has run, a throw below still destroys the Call.
Call::Call(Op op, std::string_view target, const Object *self) : Call(new Impl()) {
  require_utf8(target, self ? "an attribute name" : "a Python name");
  v1::CallRequest &request = impl_->request();
  request.set_op(wire_op(op));
  // Where it runs is decided when it is sent (placement.cpp), by what is captured here: a
  // std::future call runs on another thread.
  CallContext &context = impl_->context;
  if (const auto &setup = current_setup()) {
    context.setup = setup;
  } else {
    context.session = current_session();
    context.home = thread_home();
  }
  if (self == nullptr) {
    request.set_target(std::string(target));
    return;
  }
  const auto &handle = held(ObjectAccess::handle(*self));
  if (!handle)
    throw ObjectLost("'" + std::string(target) + "' called on an empty pybridge::Object");
  impl_->self = handle;
  context.hold(handle, nullptr); // its id is written once the call knows its worker
  request.set_attribute(std::string(target));
}

Call::Call(Call &&other) noexcept : impl_(std::exchange(other.impl_, nullptr)) {}
Call &Call::operator=(Call &&other) noexcept {
  if (this != &other) {
    delete impl_;
    impl_ = std::exchange(other.impl_, nullptr);
  }
  return *this;
}
Call::~Call() { delete impl_; }

ValueBuilder Call::arg(std::string_view keyword) {
  if (keyword.empty() && impl_->skipped_positional)
    throw ConversionError("an empty std::optional argument was left out, so the positional "
                          "arguments after it cannot be passed; pass them by keyword");
  require_utf8(keyword, "a keyword");
  v1::Argument *argument = impl_->request().add_args();
  if (!keyword.empty())
    argument->set_name(std::string(keyword));
  return ValueAccess::builder(*argument->mutable_value(), &impl_->context);
}

void Call::skip_positional() { impl_->skipped_positional = true; }

void Call::argument_failed(const ConversionError &error, std::size_t position,
                           std::string_view keyword) const {
  std::string name = "argument " + std::to_string(position);
  if (!keyword.empty() && is_utf8(keyword))
    name += " ('" + std::string(keyword) + "')";
  const v1::CallRequest &request = impl_->request();
  const std::string &target = impl_->self ? request.attribute() : request.target();
  throw ConversionError(name + " of '" + target + "': " + error.what());
}

void Call::want_object() { impl_->request().set_result_as_object(true); }

void Call::stateless() { impl_->context.home.reset(); }

void Call::check_library(std::string_view module, std::string_view hash) {
  impl_->library_module = module;
  impl_->library_hash = hash;
}

void Call::set_policy(const SitePolicy &policy) { impl_->policy = CallPolicy::of(policy); }

void Call::set_options(const CallOptions &options) {
  impl_->policy.cache_ttl = options.cache;
  impl_->policy.idempotent = options.idempotent;
}

ValueRef Call::run() { return ValueAccess::ref(run_plain(*impl_), &impl_->context); }

void Call::done() noexcept { end_record(*impl_, nullptr); }

void Call::failed(const std::exception &error) noexcept { end_record(*impl_, &error); }

StreamState *Call::run_stream() {
  return detail::run_stream(std::unique_ptr<Impl>(std::exchange(impl_, nullptr))).release();
}

} // namespace pybridge::detail
