// The reply a call owns: converted once, so large array data moves out of it into the
// result instead of being copied.
#pragma once

#include <string>
#include <unordered_map>

namespace pybridge {
namespace v1 {
class NDArray;
class Value;
} // namespace v1
namespace detail {

/// A call's own reply (or current stream item), or none: a value others share (a cache
/// entry, a pybridge::Value) is never moved from, only copied.
class OwnedReply {
public:
  /// The call now owns `reply` (a part of its exchange's frame), or nothing (null).
  void reset(v1::Value *reply) noexcept {
    reply_ = reply;
    arrays_.clear();
    indexed_ = false;
  }
  explicit operator bool() const noexcept { return reply_ != nullptr; }

  /// The elements of `array`, a part of the owned reply: moved out (the reply is converted
  /// once); copied when `array` is no part of it. Const: it changes the reply, which the call
  /// owns, not this record of it.
  std::string take_data(const v1::NDArray &array) const;

private:
  v1::Value *reply_ = nullptr;
  // reply_'s arrays by their read-only address, found by one walk on first use.
  mutable std::unordered_map<const v1::NDArray *, v1::NDArray *> arrays_;
  mutable bool indexed_ = false;
};

} // namespace detail
} // namespace pybridge
