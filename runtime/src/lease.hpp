// A connection a call borrows from its worker (worker.hpp lends them).
#pragma once

#include "connection.hpp"

#include <memory>

namespace pybridge::detail {

class Worker;

/// A connection borrowed from a worker for one call (or one stream); returned
/// on destruction unless the call left it in an unknown state.
class Lease {
public:
  Lease(std::shared_ptr<Worker> worker, std::unique_ptr<Connection> connection)
      : worker_(std::move(worker)), connection_(std::move(connection)) {}
  Lease(Lease &&) noexcept = default;
  Lease &operator=(Lease &&) = delete;
  ~Lease();
  Connection &operator*() const noexcept { return *connection_; }
  Connection *operator->() const noexcept { return connection_.get(); }
  /// The connection must not be reused (a frame is half-read, a call still runs
  /// on it).
  void discard() noexcept { connection_.reset(); }

private:
  friend class Worker;
  std::shared_ptr<Worker> worker_;
  std::unique_ptr<Connection> connection_;
};

} // namespace pybridge::detail
