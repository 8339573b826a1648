#include "worker.hpp"

#include "forks.hpp"

#include <pybridge/errors.hpp>

namespace pybridge::detail {

namespace {
// Object ids per Release frame (~10 bytes each: far below any message limit).
constexpr std::size_t kReleasesPerFrame = 65536;
} // namespace

Worker::Worker(int index, unsigned generation, const WorkerSettings &settings)
    : index_(index), generation_(generation), fork_generation_(fork_generation()),
      endpoint_(make_endpoint(index, generation, settings)) {}

Worker::~Worker() {
  if (inherited()) {
    // The parent's worker: killing, reaping or joining anything here would
    // break the parent (or hang on threads this process does not have).
    for (auto &connection : idle_)
      (void)connection.release();
    (void)endpoint_.release();
    return;
  }
  std::lock_guard lock(mutex_);
  idle_.clear(); // before the endpoint they belong to
}

bool Worker::inherited() const noexcept { return fork_generation_ != fork_generation(); }

std::string Worker::mark_dead() {
  alive_ = false;
  {
    std::lock_guard lock(mutex_);
    if (!end_reason_.empty())
      return "worker " + std::to_string(index_) + " (pid " + std::to_string(pid()) + ") " +
             end_reason_;
  }
  std::string death = "worker " + std::to_string(index_) + " " + endpoint_->death();
  if (auto rss = rss_bytes.load())
    death += " (it had " + std::to_string(rss >> 20) + " MiB resident at its last heartbeat)";
  return death;
}

void Worker::set_end_reason(std::string reason) {
  std::lock_guard lock(mutex_);
  end_reason_ = std::move(reason);
}

void Worker::kill() noexcept {
  alive_ = false;
  if (inherited())
    return;
  endpoint_->kill();
}

bool Worker::try_retire(std::uint64_t calls_seen) {
  std::lock_guard lock(mutex_);
  if (leased_ > 0 || calls.finished() != calls_seen)
    return false;
  retired_ = true;
  return true;
}

Worker::Probe Worker::probe(std::uint64_t call_id, std::chrono::milliseconds timeout,
                            Health &health) {
  std::optional<Lease> lease = [this]() -> std::optional<Lease> {
    try {
      return try_checkout(false);
    } catch (const std::exception &) { // pending releases could not be sent
      return std::nullopt;
    }
  }();
  if (!lease) {
    std::lock_guard lock(mutex_);
    return retired_ || !alive() ? Probe::Gone : Probe::Busy;
  }
  v1::Frame frame;
  frame.mutable_call()->set_call_id(call_id);
  frame.mutable_call()->set_op(v1::CallRequest::HEALTH);
  auto deadline = Clock::now() + timeout;
  try {
    (*lease)->send(frame, deadline);
    for (;;) {
      switch ((*lease)->read(frame, deadline)) {
      case Connection::ReadStatus::Timeout:
        lease->discard(); // the answer may still come: nobody reads it
        return Probe::Silent;
      case Connection::ReadStatus::Closed:
        lease->discard();
        return Probe::Gone;
      case Connection::ReadStatus::Frame:
        break;
      }
      if (frame.has_reply() && frame.reply().call_id() == call_id) {
        health.rss_bytes = frame.reply().health().rss_bytes();
        health.objects_held = frame.reply().health().objects_held();
        return Probe::Answered;
      }
    }
  } catch (const TimeoutError &) { // the worker did not even read the probe
    lease->discard();
    return Probe::Silent;
  } catch (const std::exception &) {
    lease->discard();
    return Probe::Gone;
  }
}

Lease Worker::checkout() {
  if (auto lease = try_checkout())
    return std::move(*lease);
  throw WorkerLost("worker " + std::to_string(index_) + " is gone");
}

std::optional<Lease> Worker::try_checkout(bool may_connect) {
  std::unique_ptr<Connection> connection;
  {
    std::lock_guard lock(mutex_);
    if (retired_ || (!may_connect && idle_.empty() && leased_ > 0))
      return std::nullopt;
    ++leased_; // from here on the Lease (or the undo below) counts it back
    if (!idle_.empty()) {
      connection = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  Lease lease(shared_from_this(), nullptr);
  if (connection && connection->closed_by_peer())
    return std::nullopt;
  if (!connection) {
    try {
      connection = endpoint_->connect();
    } catch (const WorkerLost &) {
      return std::nullopt;
    }
  }
  lease.connection_ = std::move(connection);
  try {
    send_releases(*lease);
  } catch (...) {
    lease.discard();
    throw;
  }
  return lease;
}

void Worker::give_back(std::unique_ptr<Connection> connection) {
  std::lock_guard lock(mutex_);
  --leased_;
  if (connection && alive())
    idle_.push_back(std::move(connection));
}

void Worker::release_later(std::uint64_t object_id) noexcept {
  if (!alive())
    return;
  try {
    std::lock_guard lock(mutex_);
    releases_.push_back(object_id);
  } catch (const std::bad_alloc &) {
    // No memory to remember it: the object stays until its worker ends.
  }
}

void Worker::close_session(std::uint64_t session_id) noexcept {
  if (!alive())
    return;
  try {
    v1::Frame frame;
    frame.mutable_close_session()->set_session_id(session_id);
    Lease lease = checkout(); // sends pending releases first
    try {
      lease->send(frame, std::nullopt);
    } catch (...) {
      lease.discard();
      throw;
    }
  } catch (const std::exception &) {
    // The worker is gone: its objects went with it.
  }
}

void Worker::send_releases(Connection &connection) {
  std::vector<std::uint64_t> releases;
  {
    std::lock_guard lock(mutex_);
    releases.swap(releases_);
  }
  // In frames of a bounded size, however many piled up while nothing was sent.
  for (std::size_t sent = 0; sent < releases.size(); sent += kReleasesPerFrame) {
    v1::Frame frame;
    auto end = releases.begin() + std::min(releases.size(), sent + kReleasesPerFrame);
    frame.mutable_release()->mutable_object_ids()->Add(releases.begin() + sent, end);
    // Before anything else on the connection: the worker reads them first.
    connection.send(frame, std::nullopt);
  }
}

} // namespace pybridge::detail
