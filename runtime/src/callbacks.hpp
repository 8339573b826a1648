// Running a host callback a worker asked for (CallbackRequest), on the thread waiting for the
// call during which Python called it (exchange.cpp).
#pragma once

#include "handle.hpp"
#include "pybridge.pb.h"

#include <cstdint>
#include <exception>
#include <memory>
#include <utility>
#include <vector>

namespace pybridge::detail {

/// What one call keeps of the callbacks run during it: the C++ exceptions they threw (so the
/// one that ends the call is thrown again, itself), and the objects their arguments and
/// results named (alive until the call ends, so a result's object is not released before the
/// worker has read the answer).
class CallbackLedger {
public:
  /// The answer to `request` (a CallReply frame): runs the callback with its arguments,
  /// which name objects on `worker` (in `session`) and arrays in the `received` segments.
  /// The answer's own large arrays are in `sent`, to go with it. Never throws.
  v1::Frame answer(const v1::CallbackRequest &request, const std::shared_ptr<Worker> &worker,
                   const std::shared_ptr<SessionState> &session,
                   std::vector<std::shared_ptr<SharedMemory>> received,
                   std::vector<std::shared_ptr<SharedMemory>> &sent) noexcept;
  /// Throws the C++ exception a callback threw when `reply` is the Python error it caused.
  void rethrow_if_thrown(const v1::CallReply &reply);

private:
  std::vector<std::pair<std::uint64_t, std::exception_ptr>> thrown_;
  std::vector<std::unique_ptr<CallContext>> kept_;
};

} // namespace pybridge::detail
