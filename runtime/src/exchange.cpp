#include "exchange.hpp"

#include <pybridge/errors.hpp>

#include <atomic>

namespace pybridge::detail {

namespace {
// The worker enforces the timeout itself; the host waits this much longer for its answer
// before interrupting it, and this long again before declaring it hung.
constexpr auto kWorkerAnswerSlack = std::chrono::milliseconds(200);
constexpr auto kCancelGrace = std::chrono::milliseconds(2000);

std::atomic<std::uint64_t> g_call_ids{1};

std::string describe_target(const v1::CallRequest &request) {
  return request.self_id() ? "method '" + request.attribute() + "'"
                           : "'" + request.target() + "'";
}
} // namespace

Exchange::Exchange(Runtime &runtime, CallContext &context, v1::CallRequest &request)
    : runtime_(runtime), call_id_(g_call_ids.fetch_add(1)), target_(describe_target(request)),
      timeout_(runtime.timeout()) {
  if (context.worker && !context.worker->alive())
    throw ObjectLost("the call on " + target_ + " needs an object that was lost with worker " +
                     std::to_string(context.worker->index()) + " (the worker was restarted)");
  worker_ = context.worker ? context.worker : runtime.pool().pick();
  context.worker = worker_;
  request.set_call_id(call_id_);
  request.set_session_id(context.session);
  if (timeout_.count() > 0) {
    request.set_timeout_seconds(std::chrono::duration<double>(timeout_).count());
    deadline_ = Clock::now() + timeout_ + kWorkerAnswerSlack;
  }
  v1::Frame frame;
  frame.unsafe_arena_set_allocated_call(&request);
  worker_->inflight.fetch_add(1);
  try {
    lease_.emplace(worker_->checkout());
    bytes_sent_ = (*lease_)->send(frame);
  } catch (const WorkerLost &) {
    frame.unsafe_arena_release_call();
    if (lease_) lease_->discard();
    worker_died();
  } catch (...) {
    frame.unsafe_arena_release_call();
    worker_->inflight.fetch_sub(1);
    throw;
  }
  frame.unsafe_arena_release_call();
}

Exchange::~Exchange() {
  if (!finished_) cancel();
  worker_->inflight.fetch_sub(1);
}

const v1::Frame &Exchange::next() {
  for (;;) {
    auto status = (*lease_)->read(frame_, deadline_);
    if (status == FrameConnection::ReadStatus::Timeout) timed_out();
    if (status == FrameConnection::ReadStatus::Closed) {
      lease_->discard();
      worker_died();
    }
    bytes_received_ += (*lease_)->last_frame_bytes();
    switch (frame_.kind_case()) {
    case v1::Frame::kReply:
      if (frame_.reply().call_id() != call_id_) continue; // a late reply to a cancelled call
      finished_ = true;
      return frame_;
    case v1::Frame::kItem:
      if (frame_.item().call_id() != call_id_) continue;
      return frame_;
    default:
      continue;
    }
  }
}

void Exchange::cancel() noexcept {
  if (finished_ || !lease_) return;
  finished_ = true;
  if (stop_call()) return;
  lease_->discard();
  try {
    runtime_.pool().replace(worker_);
  } catch (const std::exception &) {
  }
}

bool Exchange::stop_call() noexcept {
  try {
    v1::Frame cancel;
    cancel.mutable_cancel()->set_call_id(call_id_);
    (*lease_)->send(cancel);
    worker_->interrupt();
    auto grace = Clock::now() + kCancelGrace;
    for (;;) {
      if ((*lease_)->read(frame_, grace) != FrameConnection::ReadStatus::Frame) return false;
      if (frame_.has_reply() && frame_.reply().call_id() == call_id_) return true;
    }
  } catch (const std::exception &) {
    return false;
  }
}

void Exchange::worker_died() {
  finished_ = true;
  std::string reason = worker_->mark_dead();
  runtime_.pool().replace(worker_);
  throw WorkerLost("the call to " + target_ + " failed: " + reason);
}

void Exchange::timed_out() {
  finished_ = true;
  std::string message = "the call to " + target_ + " timed out after " +
                        std::to_string(timeout_.count()) + " ms";
  if (stop_call()) throw TimeoutError(message);
  lease_->discard();
  runtime_.pool().replace(worker_);
  throw TimeoutError(message + "; the worker did not stop and was restarted");
}

} // namespace pybridge::detail
