// A gRPC Session stream to a remote worker (proto/pybridge.proto, service Worker), shared by
// the calls on that worker: calls are told apart by call id, and a reader thread hands each
// frame to the call waiting for it (an inbox per call).
#pragma once

#include "connection.hpp"

#include <condition_variable>
#include <deque>
#include <functional>
#include <grpcpp/client_context.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/sync_stream.h>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace grpc {
class Channel;
}

namespace pybridge::detail {

class SessionStream {
public:
  /// `on_close` runs on the reader thread when the stream ends.
  SessionStream(std::shared_ptr<grpc::Channel> channel, std::function<void()> on_close);
  ~SessionStream();
  SessionStream(const SessionStream &) = delete;
  SessionStream &operator=(const SessionStream &) = delete;

  /// Opens the stream and starts reading it.
  void open();
  /// Writes a frame; false once the stream is closed.
  bool write(const v1::Frame &frame);
  /// Frames of `call_id` are kept for take() from now on (until forget()).
  void expect(std::uint64_t call_id);
  void forget(std::uint64_t call_id);
  /// The next frame of `call_id`, waiting until `deadline` (none: forever).
  Connection::ReadStatus take(std::uint64_t call_id, v1::Frame &frame,
                              std::optional<Clock::time_point> deadline);

  bool closed() const;
  /// Why the stream ended ("the stream ended: ...").
  std::string end_reason() const;
  void close() noexcept { context_.TryCancel(); }

private:
  void read_all();
  /// The frame in `buffer`, or the fault reply standing in for a reply or item that does
  /// not parse (an item's stream is cancelled); false when it names no call.
  bool parse(grpc::ByteBuffer &buffer, v1::Frame &frame);

  std::shared_ptr<grpc::Channel> channel_;
  std::function<void()> on_close_;
  grpc::ClientContext context_;
  std::unique_ptr<grpc::ClientReaderWriter<v1::Frame, grpc::ByteBuffer>> stream_;
  std::thread reader_;
  std::mutex write_mutex_;
  mutable std::mutex mutex_;
  std::condition_variable arrived_;
  std::map<std::uint64_t, std::deque<v1::Frame>> inbox_; // by call id
  bool closed_ = false;
  std::string end_reason_;
};

} // namespace pybridge::detail
