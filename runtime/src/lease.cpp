#include "lease.hpp"

#include "worker.hpp"

namespace pybridge::detail {

Lease::~Lease() {
  if (worker_)
    worker_->give_back(std::move(connection_));
}

} // namespace pybridge::detail
