#include "exchange.hpp"

#include "session_state.hpp"

#include <pybridge/errors.hpp>

#include <atomic>

namespace pybridge::detail {

namespace {
// The worker enforces the timeout itself; the host waits this much longer for
// its answer before interrupting it.
constexpr auto kWorkerAnswerSlack = std::chrono::milliseconds(200);
// A stream's generator runs at most kStreamWindow items ahead of the loop that
// consumes them; consumed items are returned to the worker kCreditBatch at a
// time (proto: CallRequest.stream_window, Credit).
constexpr std::uint32_t kStreamWindow = 256;
constexpr std::uint32_t kCreditBatch = 64;

std::atomic<std::uint64_t> g_call_ids{1};

std::string describe_target(const v1::CallRequest &request) {
  return request.self_id() ? "method '" + request.attribute() + "'" : "'" + request.target() + "'";
}

std::shared_ptr<WorkerProcess> choose_worker(Pool &pool, CallContext &context,
                                             const std::string &target) {
  if (context.session && context.session->closed())
    throw BridgeError("the call to " + target + " was made in a closed pybridge::Session");
  if (context.worker) {
    if (!context.worker->alive())
      throw ObjectLost("the call to " + target + " needs an object that was lost with worker " +
                       std::to_string(context.worker->index()) +
                       " (the worker died and was restarted; the object is gone)");
    return context.worker;
  }
  return context.session ? context.session->worker_for_call(pool) : pool.pick();
}
} // namespace

Exchange::Exchange(Runtime &runtime, CallContext &context, v1::CallRequest &request)
    : runtime_(runtime), call_id_(g_call_ids.fetch_add(1)), target_(describe_target(request)),
      timeout_(runtime.timeout()) {
  // A worker found gone before anything was sent to it costs the call nothing:
  // it goes to another (or the restarted) worker, unless an object pins it.
  for (int attempt = 0;; ++attempt) {
    worker_ = choose_worker(runtime.pool(), context, target_);
    context.worker = worker_;
    std::optional<Lease> lease = [&]() -> std::optional<Lease> {
      try {
        return worker_->try_checkout();
      } catch (const WorkerLost &) { // pending releases could not be sent
        worker_died();
      }
    }();
    if (lease) {
      lease_.emplace(std::move(*lease));
      break;
    }
    worker_->mark_dead();
    runtime.pool().replace(worker_);
    if (!context.pinned)
      context.worker = nullptr;
    if (attempt > runtime.pool().size())
      throw WorkerLost("the call to " + target_ + " found no live worker");
  }
  request.set_call_id(call_id_);
  request.set_session_id(context.session ? context.session->id() : 0);
  if (request.op() == v1::CallRequest::STREAM)
    request.set_stream_window(kStreamWindow);
  if (timeout_.count() > 0) {
    request.set_timeout_seconds(std::chrono::duration<double>(timeout_).count());
    deadline_ = Clock::now() + timeout_ + kWorkerAnswerSlack;
  } else {
    request.clear_timeout_seconds();
  }
  v1::Frame frame;
  frame.unsafe_arena_set_allocated_call(&request);
  worker_->inflight.fetch_add(1);
  worker_->call_started(deadline_);
  counted_ = true;
  try {
    bytes_sent_ = (*lease_)->send(frame);
  } catch (const std::exception &error) {
    // No destructor runs for a constructor that throws: undo the bookkeeping
    // here.
    frame.unsafe_arena_release_call();
    end_call();
    lease_->discard();
    if (dynamic_cast<const WorkerLost *>(&error))
      worker_died();
    throw;
  }
  frame.unsafe_arena_release_call();
}

Exchange::~Exchange() {
  if (!finished_)
    cancel();
  end_call();
}

void Exchange::end_call() noexcept {
  if (!counted_)
    return;
  counted_ = false;
  worker_->call_ended(deadline_);
  worker_->inflight.fetch_sub(1);
}

const v1::Frame &Exchange::next() {
  if (consumed_ >= kCreditBatch)
    return_credit(); // the consumer is done with the items it had
  for (;;) {
    auto status = (*lease_)->read(frame_, deadline_);
    if (status == Connection::ReadStatus::Timeout)
      timed_out();
    if (status == Connection::ReadStatus::Closed) {
      lease_->discard();
      worker_died();
    }
    bytes_received_ += (*lease_)->last_frame_bytes();
    switch (frame_.kind_case()) {
    case v1::Frame::kReply:
      if (frame_.reply().call_id() != call_id_)
        continue; // a late reply to a cancelled call
      finished_ = true;
      return frame_;
    case v1::Frame::kItem:
      if (frame_.item().call_id() != call_id_)
        continue;
      ++consumed_;
      return frame_;
    default:
      continue;
    }
  }
}

void Exchange::return_credit() {
  v1::Frame credit;
  credit.mutable_credit()->set_call_id(call_id_);
  credit.mutable_credit()->set_items(consumed_);
  consumed_ = 0;
  try {
    bytes_sent_ += (*lease_)->send(credit);
  } catch (const WorkerLost &) {
    lease_->discard();
    worker_died();
  }
}

void Exchange::cancel() noexcept {
  if (finished_ || !lease_)
    return;
  finished_ = true;
  if (!stop_call())
    abandon();
}

bool Exchange::stop_call() noexcept {
  try {
    v1::Frame cancel;
    cancel.mutable_cancel()->set_call_id(call_id_);
    (*lease_)->send(cancel);
    worker_->interrupt(); // the worker raises in the call only if it is this one
    auto grace = Clock::now() + runtime_.options().cancel_grace;
    for (;;) {
      if ((*lease_)->read(frame_, grace) != Connection::ReadStatus::Frame)
        return false;
      bytes_received_ += (*lease_)->last_frame_bytes();
      if (frame_.has_reply() && frame_.reply().call_id() == call_id_)
        return true;
    }
  } catch (const std::exception &) {
    return false;
  }
}

bool Exchange::abandon() noexcept {
  lease_->discard();
  end_call(); // this call no longer counts as one that may be running
  // Another call that may still be running within its time keeps the worker
  // alive: this one then waits in its socket with its Cancel, and the worker
  // skips it when it gets there.
  if (worker_->may_be_busy(Clock::now()))
    return false;
  try {
    runtime_.pool().replace(worker_);
  } catch (const std::exception &) {
  }
  return true;
}

void Exchange::worker_died() {
  finished_ = true;
  std::string reason = worker_->mark_dead();
  runtime_.pool().replace(worker_);
  throw WorkerLost("the call to " + target_ + " failed: " + reason);
}

void Exchange::timed_out() {
  finished_ = true;
  std::string message =
      "the call to " + target_ + " timed out after " + std::to_string(timeout_.count()) + " ms";
  if (stop_call())
    throw TimeoutError(message);
  if (abandon())
    throw TimeoutError(message + "; the worker did not stop within " +
                       std::to_string(runtime_.options().cancel_grace.count()) +
                       " ms and was restarted");
  throw TimeoutError(message + " (it waited behind another call on its worker)");
}

} // namespace pybridge::detail
