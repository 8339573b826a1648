// Sending a call on a worker connection and reading what comes back, with
// timeouts, cancellation and worker death handled in one place (used by calls
// and streams).
#pragma once

#include "callbacks.hpp"
#include "handle.hpp"
#include "runtime.hpp"

#include <optional>

namespace pybridge::detail {

/// One request in flight on one leased connection.
class Exchange {
public:
  /// Picks the worker (the context's, else the session's, else the pool's least
  /// busy), leases a connection and sends `request`, a Frame holding the CallRequest (built
  /// in it, so it is sent without a copy; its call id, session and timeout are written here,
  /// and it is left as it was otherwise: a retry sends it again). Throws ObjectLost when
  /// the context's worker is dead, WorkerLost when the worker dies on the way
  /// (or the runtime was stopped).
  Exchange(Runtime &runtime, CallContext &context, v1::Frame &request);
  ~Exchange();
  Exchange(const Exchange &) = delete;
  Exchange &operator=(const Exchange &) = delete;

  /// Reads the next frame for this call (a StreamItem or the final CallReply),
  /// running the host callbacks Python calls meanwhile. Throws TimeoutError /
  /// WorkerLost (the worker is interrupted or replaced as needed), and the C++
  /// exception of a callback that ended the call. The frame is the caller's to convert
  /// (and move array data out of) until the next call.
  v1::Frame &next();

  /// Asks the worker to stop the call and reads until its reply, so the
  /// connection can be reused; gives the connection up when the worker does not
  /// answer in time.
  void cancel() noexcept;

  bool finished() const noexcept { return finished_; }
  std::size_t bytes_sent() const noexcept { return bytes_sent_; }
  std::size_t bytes_received() const noexcept { return bytes_received_; }
  const std::shared_ptr<Worker> &worker() const noexcept { return worker_; }
  /// How long the call waited: for a worker while all restarted, and on its worker behind
  /// calls sent before it (until the last of them was answered).
  std::chrono::nanoseconds queue_wait() const noexcept { return queue_wait_; }

private:
  /// Sends Cancel, interrupts the worker and reads until the call's reply: true
  /// when the reply came (the connection is clean again).
  bool stop_call() noexcept;
  /// Gives up the connection of a call that did not stop; restarts the worker
  /// unless another call on it may still be running legitimately. True when it
  /// was restarted.
  bool abandon() noexcept;
  /// Takes the call out of the worker's calls in flight (once).
  void end_call() noexcept;
  /// Tells a stream's worker the items consumed since the last credit.
  void return_credit();
  /// The call's reply arrived: adds the time it waited behind earlier calls.
  void answered() noexcept;
  [[noreturn]] void worker_died();
  /// Throws TimeoutError after stopping the call (`sent`) or giving up a
  /// request the worker did not read.
  [[noreturn]] void timed_out(bool sent);
  /// Runs a callback the worker asked for and sends its answer.
  void answer_callback();
  /// Releases the objects a frame nobody will convert registered.
  void drop(const v1::Frame &frame) noexcept;

  std::shared_ptr<Runtime> runtime_; // alive while the call is, even after shutdown()
  Pool::Admission admission_;        // counts the call in flight in the pool
  std::shared_ptr<Worker> worker_;
  CallContext *context_;                  // the call's: it receives the segments of its replies
  std::shared_ptr<SessionState> session_; // owns objects callbacks receive
  CallsInFlight::Entry in_flight_;        // listed in worker_->calls while the call may run there
  CallbackLedger callbacks_;
  std::optional<Lease> lease_;
  std::uint64_t call_id_;
  std::string target_;
  std::chrono::milliseconds timeout_;
  std::optional<Clock::time_point> deadline_;
  Clock::time_point sent_at_;
  std::optional<Clock::time_point> queued_since_; // sent while other calls ran on the worker
  std::chrono::nanoseconds queue_wait_{0};
  v1::Frame frame_;
  bool finished_ = false;
  bool streaming_ = false;              // an item was read
  std::uint32_t consumed_ = 0;          // stream items read and not yet returned as credit
  bool last_item_held_objects_ = false; // the worker waits for credit before the next item
  std::size_t bytes_sent_ = 0, bytes_received_ = 0;
};

} // namespace pybridge::detail
