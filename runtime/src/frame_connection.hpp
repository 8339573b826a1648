// A fast-lane connection: length-prefixed Frames over a local Unix socket.
#pragma once

#include "connection.hpp"

#include <memory>
#include <string>

namespace pybridge::detail {

class FrameConnection final : public Connection {
public:
  /// Connects to the socket at `path`; throws WorkerLost when nobody listens.
  static std::unique_ptr<FrameConnection> connect(const std::string &path,
                                                  std::size_t max_frame);
  ~FrameConnection() override;
  FrameConnection(const FrameConnection &) = delete;
  FrameConnection &operator=(const FrameConnection &) = delete;

  std::size_t send(const v1::Frame &frame) override;
  ReadStatus read(v1::Frame &frame,
                  std::optional<Clock::time_point> deadline) override;
  bool closed_by_peer() override;

private:
  FrameConnection(int fd, std::size_t max_frame)
      : fd_(fd), max_frame_(max_frame) {}
  bool fill(std::size_t wanted, std::optional<Clock::time_point> deadline,
            ReadStatus &status);

  int fd_;
  std::size_t max_frame_;
  std::string buffer_; // received, not yet parsed: [begin_, buffer_.size())
  std::size_t begin_ = 0;
  std::string out_; // reused for outgoing frames
};

} // namespace pybridge::detail
