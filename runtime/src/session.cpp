// pybridge::Session and the per-thread current session.
#include "session_state.hpp"

#include "pool.hpp"

#include <pybridge/errors.hpp>

#include <pybridge/session.hpp>

namespace pybridge {
namespace detail {

namespace {
std::atomic<std::uint64_t> g_session_ids{1}; // 0 is "no session" on the wire
} // namespace

std::shared_ptr<SessionState> &current_session() noexcept {
  thread_local std::shared_ptr<SessionState> current;
  return current;
}

const std::shared_ptr<Home> &thread_home() {
  thread_local std::shared_ptr<Home> home = std::make_shared<Home>();
  return home;
}

Home::~Home() {
  if (worker_)
    worker_->homes.fetch_sub(1);
}

std::shared_ptr<Worker> Home::worker_for_call(Pool &pool) {
  std::lock_guard lock(mutex_);
  if (worker_ && worker_->alive())
    return worker_;
  if (worker_)
    worker_->homes.fetch_sub(1);
  worker_ = nullptr;
  worker_ = pool.pick_home();
  worker_->homes.fetch_add(1);
  return worker_;
}

std::shared_ptr<Worker> Home::current() const {
  std::lock_guard lock(mutex_);
  return worker_;
}

std::shared_ptr<Worker> SessionState::worker_for_call(Pool &pool) {
  std::lock_guard lock(mutex_);
  if (closed_) // checked with close() excluded: no call picks a worker after it
    throw BridgeError("a call was made in a closed pybridge::Session");
  if (!worker_ || !worker_->alive())
    worker_ = pool.pick();
  return worker_;
}

bool SessionState::adopt(const std::shared_ptr<Worker> &worker) {
  std::lock_guard lock(mutex_);
  if (closed_)
    return false;
  if (!worker_ || !worker_->alive())
    worker_ = worker;
  return worker_ == worker;
}

std::shared_ptr<Worker> SessionState::current() const {
  std::lock_guard lock(mutex_);
  return worker_;
}

int SessionState::worker_index() const {
  std::lock_guard lock(mutex_);
  return worker_ ? worker_->index() : -1;
}

void SessionState::close() noexcept {
  std::shared_ptr<Worker> worker;
  {
    std::lock_guard lock(mutex_);
    if (closed_.exchange(true))
      return;
    worker = std::move(worker_);
  }
  if (worker)
    worker->close_session(id_);
}

} // namespace detail

Session::Session()
    : state_(std::make_shared<detail::SessionState>(detail::g_session_ids.fetch_add(1))) {}

Session::~Session() { close(); }

Session::Session(Session &&other) noexcept = default;

Session &Session::operator=(Session &&other) noexcept {
  if (this != &other) {
    close();
    state_ = std::move(other.state_);
  }
  return *this;
}

void Session::close() noexcept {
  if (state_)
    state_->close();
}

std::uint64_t Session::id() const noexcept { return state_ ? state_->id() : 0; }

int Session::worker() const { return state_ ? state_->worker_index() : -1; }

Session::Scope::Scope(const Session &session) : previous_(detail::current_session()) {
  detail::current_session() = session.state_;
}

Session::Scope::~Scope() { detail::current_session() = std::move(previous_); }

} // namespace pybridge
