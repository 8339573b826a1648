#include "exchange.hpp"

#include "placement.hpp"
#include "session_state.hpp"

#include <pybridge/errors.hpp>

namespace pybridge::detail {

namespace {
// The worker enforces the timeout itself; the host waits this much longer for
// its answer before interrupting it.
constexpr auto kWorkerAnswerSlack = std::chrono::milliseconds(200);
// A stream's generator runs at most kStreamWindow items ahead of the loop that
// consumes them; consumed items are returned to the worker kCreditBatch at a
// time, or at once after an item holding objects (proto: CallRequest.stream_window,
// Credit; python/pybridge_agent/streams.py).
constexpr std::uint32_t kStreamWindow = 256;
constexpr std::uint32_t kCreditBatch = 64;

std::string describe_target(const v1::CallRequest &request) {
  switch (request.op()) {
  case v1::CallRequest::EXPORT:
    return "move (pickling object #" + std::to_string(request.self_id()) + ")";
  case v1::CallRequest::IMPORT:
    return "move (unpickling an object)";
  default:
    return request.self_id() ? "method '" + request.attribute() + "'"
                             : "'" + request.target() + "'";
  }
}
} // namespace

Exchange::Exchange(Runtime &runtime, CallContext &context, v1::Frame &frame)
    : runtime_(runtime.shared_from_this()), admission_(runtime.pool().admit()), context_(&context),
      call_id_(new_call_id()), target_(describe_target(frame.call())), timeout_(runtime.timeout()) {
  v1::CallRequest &request = *frame.mutable_call();
  Pool::take_pick_wait(); // this call's own picks from here on
  // A worker found gone before anything was sent to it costs the call nothing:
  // it goes to another (or the restarted) worker, unless an object pins it.
  for (int attempt = 0;; ++attempt) {
    worker_ = place_call(runtime, context, request, target_);
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
  session_ = context.session;
  request.set_session_id(session_ ? session_->id() : 0);
  if (request.op() == v1::CallRequest::STREAM)
    request.set_stream_window(kStreamWindow);
  if (timeout_.count() > 0) {
    request.set_timeout_seconds(std::chrono::duration<double>(timeout_).count());
    deadline_ = Clock::now() + timeout_ + kWorkerAnswerSlack;
  } else {
    request.clear_timeout_seconds();
  }
  queue_wait_ = Pool::take_pick_wait();
  sent_at_ = Clock::now();
  if (worker_->calls.add(in_flight_, sent_at_, deadline_) > 0)
    queued_since_ = sent_at_;
  try {
    bytes_sent_ = (*lease_)->send(frame, deadline_, context.sent_segments);
  } catch (const TimeoutError &) {
    // The worker did not read the request in time: busy with another call (or
    // stuck). The connection may hold half of it: given up.
    timed_out(false);
  } catch (const std::exception &error) {
    // No destructor runs for a constructor that throws: undo the bookkeeping
    // here.
    end_call();
    lease_->discard();
    if (dynamic_cast<const WorkerLost *>(&error))
      worker_died();
    throw;
  }
}

Exchange::~Exchange() {
  if (!finished_)
    cancel();
  end_call();
}

void Exchange::end_call() noexcept {
  if (!in_flight_.listed())
    return;
  worker_->calls.remove(in_flight_);
  runtime_->pool().call_ended(worker_);
}

v1::Frame &Exchange::next() {
  // The consumer is done with the items it had. After an item holding objects the worker
  // waits for this credit before it steps the generator again: the objects may be views of
  // the generator's state (itertools.groupby's groups), so they are used before it moves on.
  if (consumed_ >= kCreditBatch || (consumed_ > 0 && last_item_held_objects_))
    return_credit();
  for (;;) {
    // The deadline covers the whole call: a stream's items already buffered
    // are not read past it, however slowly the loop consumes them.
    if (streaming_ && deadline_ && Clock::now() >= *deadline_)
      timed_out(true);
    auto status = (*lease_)->read(frame_, deadline_);
    if (status == Connection::ReadStatus::Timeout)
      timed_out(true);
    if (status == Connection::ReadStatus::Closed) {
      lease_->discard();
      worker_died();
    }
    bytes_received_ += (*lease_)->last_frame_bytes();
    switch (frame_.kind_case()) {
    case v1::Frame::kReply:
      if (frame_.reply().call_id() != call_id_) {
        drop(frame_); // a late reply to a cancelled call
        continue;
      }
      finished_ = true;
      context_->received_segments = (*lease_)->take_segments();
      answered();
      callbacks_.rethrow_if_thrown(frame_.reply());
      return frame_;
    case v1::Frame::kCallback:
      answer_callback();
      continue;
    case v1::Frame::kItem:
      if (frame_.item().call_id() != call_id_) {
        drop(frame_);
        continue;
      }
      streaming_ = true;
      ++consumed_;
      last_item_held_objects_ = !frame_.item().new_objects().empty();
      context_->received_segments = (*lease_)->take_segments();
      return frame_;
    default:
      continue;
    }
  }
}

void Exchange::answer_callback() {
  // Runs here, on the thread waiting for the call: Python waits for the answer (serving
  // other calls meanwhile, so the callback may call Python again).
  Segments segments;
  v1::Frame answer =
      callbacks_.answer(frame_.callback(), worker_, session_, (*lease_)->take_segments(), segments);
  try {
    bytes_sent_ += (*lease_)->send(answer, deadline_, segments);
  } catch (const TimeoutError &) {
    timed_out(true);
  } catch (const WorkerLost &) {
    lease_->discard();
    worker_died();
  }
}

void Exchange::return_credit() {
  v1::Frame credit;
  credit.mutable_credit()->set_call_id(call_id_);
  credit.mutable_credit()->set_items(consumed_);
  consumed_ = 0;
  try {
    bytes_sent_ += (*lease_)->send(credit, std::nullopt); // a few bytes the worker reads at once
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
    auto grace = Clock::now() + runtime_->settings().cancel_grace;
    v1::Frame cancel;
    cancel.mutable_cancel()->set_call_id(call_id_);
    (*lease_)->send(cancel, grace);
    worker_->interrupt(); // the worker raises in the call only if it is this one
    for (;;) {
      if ((*lease_)->read(frame_, grace) != Connection::ReadStatus::Frame)
        return false;
      bytes_received_ += (*lease_)->last_frame_bytes();
      // Nobody reads what arrives now: objects it registered are released.
      drop(frame_);
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
  if (worker_->calls.may_be_busy(Clock::now()))
    return false;
  try {
    runtime_->pool().replace(worker_);
  } catch (const std::exception &) {
  }
  return true;
}

void Exchange::answered() noexcept {
  // A worker runs one call at a time: a call sent while others were in flight started when
  // the last reply before its own arrived (a call made from a callback is sent while the
  // call that made it runs, and started at once: the replies before it came before it).
  auto now = Clock::now();
  auto previous = worker_->last_reply.exchange(now.time_since_epoch().count());
  if (queued_since_) {
    auto started = Clock::time_point(Clock::duration(previous));
    if (started > *queued_since_)
      queue_wait_ += started - *queued_since_;
  }
}

void Exchange::worker_died() {
  finished_ = true;
  std::string reason = worker_->mark_dead();
  runtime_->pool().replace(worker_);
  throw WorkerLost("the call to " + target_ + " failed: " + reason);
}

void Exchange::timed_out(bool sent) {
  finished_ = true;
  std::string message =
      "the call to " + target_ + " timed out after " + std::to_string(timeout_.count()) + " ms";
  if (sent && stop_call())
    throw TimeoutError(message);
  if (abandon())
    throw TimeoutError(message +
                       (sent ? "; the worker did not stop within " +
                                   std::to_string(runtime_->settings().cancel_grace.count()) +
                                   " ms and was restarted"
                             : "; the worker did not read the request and was "
                               "restarted"));
  throw TimeoutError(message + " (it waited behind another call on its worker)");
}

void Exchange::drop(const v1::Frame &frame) noexcept {
  const auto *ids = frame.has_reply()      ? &frame.reply().new_objects()
                    : frame.has_item()     ? &frame.item().new_objects()
                    : frame.has_callback() ? &frame.callback().new_objects()
                                           : nullptr;
  if (ids)
    for (std::uint64_t id : *ids)
      worker_->release_later(id);
}

} // namespace pybridge::detail
