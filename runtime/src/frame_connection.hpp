// A fast-lane connection: length-prefixed Frames over a local Unix socket.
#pragma once

#include "pybridge.pb.h"

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace pybridge::detail {

using Clock = std::chrono::steady_clock;

class FrameConnection {
public:
  enum class ReadStatus { Frame, Timeout, Closed };

  /// Connects to the socket at `path`; throws WorkerLost when nobody listens.
  static std::unique_ptr<FrameConnection> connect(const std::string &path, std::size_t max_frame);
  ~FrameConnection();
  FrameConnection(const FrameConnection &) = delete;
  FrameConnection &operator=(const FrameConnection &) = delete;

  /// Sends one frame; returns the bytes written. Throws ProtocolError when the frame exceeds
  /// the limit (nothing is sent) and WorkerLost when the worker is gone.
  std::size_t send(const v1::Frame &frame);

  /// Reads the next frame, waiting until `deadline` (none: forever).
  ReadStatus read(v1::Frame &frame, std::optional<Clock::time_point> deadline);

  /// Bytes of the last frame read.
  std::size_t last_frame_bytes() const noexcept { return last_frame_bytes_; }

private:
  FrameConnection(int fd, std::size_t max_frame) : fd_(fd), max_frame_(max_frame) {}
  bool fill(std::size_t wanted, std::optional<Clock::time_point> deadline, ReadStatus &status);

  int fd_;
  std::size_t max_frame_;
  std::string buffer_;     // received, not yet parsed: [begin_, buffer_.size())
  std::size_t begin_ = 0;
  std::string out_;        // reused for outgoing frames
  std::size_t last_frame_bytes_ = 0;
};

} // namespace pybridge::detail
