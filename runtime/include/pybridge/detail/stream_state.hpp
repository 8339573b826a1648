// The runtime side of a Stream: one server-streamed call in progress.
#pragma once

#include <exception>

namespace pybridge {
namespace v1 {
class Value;
}
namespace detail {
struct CallContext;

class StreamState {
public:
  virtual ~StreamState() = default;
  /// The next item (valid until the next call), or nullptr once the generator is exhausted.
  /// Throws what the generator raised, at the item where it raised.
  virtual const v1::Value *next() = 0;
  /// Stops the generator on the worker (it is closed, so its `finally` blocks run).
  virtual void cancel() noexcept = 0;
  /// Stops the generator because the caller failed on an item (its conversion); the
  /// stream's telemetry ends with `error`.
  virtual void fail(const std::exception &error) noexcept = 0;
  virtual CallContext *context() noexcept = 0;
};

} // namespace detail
} // namespace pybridge
