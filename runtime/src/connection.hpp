// A channel to one worker that carries Frames: the local fast lane, or a remote
// stream.
#pragma once

#include "pybridge.pb.h"

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

namespace pybridge::detail {

using Clock = std::chrono::steady_clock;
class SharedMemory;
/// Shared-memory segments sent or received with a frame (NDArray.shared indexes them).
using Segments = std::vector<std::shared_ptr<SharedMemory>>;

class Connection {
public:
  enum class ReadStatus { Frame, Timeout, Closed };

  virtual ~Connection() = default;

  /// Sends one frame; returns the bytes written. Throws ProtocolError when the
  /// frame exceeds the limit (nothing is sent), WorkerLost when the worker is
  /// gone, and TimeoutError when the worker has not taken all of it by
  /// `deadline` (none: waits; the connection is then unusable). A remote stream
  /// buffers what it sends and ignores the deadline. `segments` are those the frame's
  /// arrays are in: handed over on the fast lane, copied into the frame elsewhere.
  /// The frame is lent, not given: the fast lane moves its large arrays' data out while it
  /// writes them and back before it returns (also when it throws), so the caller gets the
  /// frame back as it was and may send it again.
  virtual std::size_t send(v1::Frame &frame, std::optional<Clock::time_point> deadline,
                           const Segments &segments = {}) = 0;

  /// Reads the next frame for this connection, waiting until `deadline` (none:
  /// forever).
  virtual ReadStatus read(v1::Frame &frame, std::optional<Clock::time_point> deadline) = 0;

  /// The shared-memory segments the last frame read came with (moved out).
  virtual Segments take_segments() { return {}; }

  /// True when the worker evidently closed its end (checked before reusing an
  /// idle connection, so a call is not sent to a worker that is already gone).
  virtual bool closed_by_peer() = 0;

  /// Bytes of the last frame read.
  std::size_t last_frame_bytes() const noexcept { return last_frame_bytes_; }

protected:
  std::size_t last_frame_bytes_ = 0;
};

} // namespace pybridge::detail
