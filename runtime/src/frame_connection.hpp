// A fast-lane connection: length-prefixed Frames over a local Unix socket
// (framing described in proto/pybridge.proto), large array data sent raw after
// the frame (trailer.hpp).
#pragma once

#include "connection.hpp"

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct msghdr;

namespace pybridge::detail {

class FrameConnection final : public Connection {
public:
  /// Connects to the socket at `path`; throws WorkerLost when nobody listens.
  static std::unique_ptr<FrameConnection> connect(const std::string &path, std::size_t max_frame);
  /// A connection over a connected stream socket it now owns (tests and fuzzing).
  static std::unique_ptr<FrameConnection> adopt(int fd, std::size_t max_frame) {
    return std::unique_ptr<FrameConnection>(new FrameConnection(fd, max_frame));
  }
  ~FrameConnection() override;
  FrameConnection(const FrameConnection &) = delete;
  FrameConnection &operator=(const FrameConnection &) = delete;

  /// Large arrays' data travels in the trailer: it is moved out of the frame
  /// while it is written and put back before this returns. The descriptors of
  /// `segments` go with the frame's first byte (SCM_RIGHTS).
  std::size_t send(v1::Frame &frame, std::optional<Clock::time_point> deadline,
                   const Segments &segments = {}) override;
  ReadStatus read(v1::Frame &frame, std::optional<Clock::time_point> deadline) override;
  Segments take_segments() override { return std::move(segments_); }
  bool closed_by_peer() override;

private:
  FrameConnection(int fd, std::size_t max_frame) : fd_(fd), max_frame_(max_frame) {}
  /// Reads until `wanted` unparsed bytes are buffered.
  bool fill(std::size_t wanted, std::optional<Clock::time_point> deadline, ReadStatus &status);
  /// Reads exactly `size` bytes to `out`, buffered ones first.
  bool read_exact(char *out, std::size_t size, std::optional<Clock::time_point> deadline,
                  ReadStatus &status);
  /// One recv (after waiting for data when there is a deadline): bytes read, or
  /// 0 with status.
  std::size_t receive(char *out, std::size_t size, std::optional<Clock::time_point> deadline,
                      ReadStatus &status);
  void consume(std::size_t size);
  /// Keeps the descriptors a recvmsg brought (they belong to frames read next).
  void keep_descriptors(const ::msghdr &message);
  /// Maps the `count` segments that came with the frame just parsed.
  void take_received_segments(std::uint32_t count);
  /// Closes `count` received descriptors (those of a frame that did not parse).
  void drop_descriptors(std::uint32_t count) noexcept;
  /// Reads and drops `size` bytes (the trailer of a frame that did not parse).
  bool skip(std::uint64_t size, std::optional<Clock::time_point> deadline, ReadStatus &status);
  /// A frame that did not parse: consumed with its trailer, and replaced by a PROTOCOL fault
  /// reply to its call (frame_parse.hpp); throws ProtocolError when it names no call.
  ReadStatus replace_unreadable(v1::Frame &frame, std::string_view body, std::size_t header,
                                std::uint64_t trailer_size,
                                std::optional<Clock::time_point> deadline);

  int fd_;
  std::size_t max_frame_;
  std::unique_ptr<char[]> in_; // received, not yet parsed: [in_begin_, in_end_)
  std::size_t in_capacity_ = 0, in_begin_ = 0, in_end_ = 0;
  std::string out_;                  // reused for outgoing frames
  std::vector<std::string> trailer_; // large array data of the frame being sent
  std::deque<int> descriptors_;      // received, not yet claimed by a frame (in order)
  bool descriptors_lost_ = false;    // a recvmsg had no room for all: the frames needing them fail
  Segments segments_;                // those of the last frame read
  std::vector<std::weak_ptr<SharedMemory>> sent_; // those of the last frame sent
  bool broken_ = false; // a read or write stopped inside a frame: nothing after it parses
};

} // namespace pybridge::detail
