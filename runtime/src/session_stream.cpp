#include "session_stream.hpp"

#include "frame_parse.hpp"

#include "pybridge.grpc.pb.h"

#include <grpcpp/grpcpp.h>
#include <grpcpp/support/proto_buffer_reader.h>

namespace pybridge::detail {

SessionStream::SessionStream(std::shared_ptr<grpc::Channel> channel, std::function<void()> on_close)
    : channel_(std::move(channel)), on_close_(std::move(on_close)) {}

SessionStream::~SessionStream() {
  context_.TryCancel();
  if (reader_.joinable())
    reader_.join();
}

void SessionStream::open() {
  // The stub's Session reads Frames with protobuf's default depth limit (100 messages):
  // the stream reads bytes and parses them itself (frame_parse.hpp).
  static const std::string method = "/" + std::string(v1::Worker::service_full_name()) + "/Session";
  grpc::internal::RpcMethod session(method.c_str(), grpc::internal::RpcMethod::BIDI_STREAMING,
                                    channel_);
  stream_.reset(grpc::internal::ClientReaderWriterFactory<v1::Frame, grpc::ByteBuffer>::Create(
      channel_.get(), session, &context_));
  reader_ = std::thread([this] { read_all(); });
}

bool SessionStream::write(const v1::Frame &frame) {
  std::lock_guard lock(write_mutex_);
  return !closed() && stream_->Write(frame);
}

void SessionStream::expect(std::uint64_t call_id) {
  std::lock_guard lock(mutex_);
  inbox_[call_id];
}

void SessionStream::forget(std::uint64_t call_id) {
  std::lock_guard lock(mutex_);
  inbox_.erase(call_id);
}

Connection::ReadStatus SessionStream::take(std::uint64_t call_id, v1::Frame &frame,
                                           std::optional<Clock::time_point> deadline) {
  std::unique_lock lock(mutex_);
  auto ready = [&] { return closed_ || !inbox_[call_id].empty(); };
  if (deadline) {
    if (!arrived_.wait_until(lock, *deadline, ready))
      return Connection::ReadStatus::Timeout;
  } else {
    arrived_.wait(lock, ready);
  }
  auto &queue = inbox_[call_id];
  if (queue.empty())
    return Connection::ReadStatus::Closed;
  frame.Swap(&queue.front());
  queue.pop_front();
  return Connection::ReadStatus::Frame;
}

bool SessionStream::closed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

std::string SessionStream::end_reason() const {
  std::lock_guard lock(mutex_);
  return end_reason_;
}

void SessionStream::read_all() {
  v1::Frame frame;
  grpc::ByteBuffer buffer;
  std::string unreadable_end;
  while (stream_->Read(&buffer)) {
    if (!parse(buffer, frame)) {
      unreadable_end = "the worker sent a malformed message";
      break;
    }
    std::uint64_t call_id = frame.has_reply()  ? frame.reply().call_id()
                            : frame.has_item() ? frame.item().call_id()
                                               : 0;
    std::lock_guard lock(mutex_);
    if (auto found = inbox_.find(call_id); found != inbox_.end()) {
      found->second.emplace_back().Swap(&frame);
      arrived_.notify_all();
    }
    frame.Clear();
  }
  // A stream this side gives up on (a malformed message) is cancelled, so Finish()
  // returns at once and every waiting call is woken. (Read fails by itself only once the
  // stream is over: the worker's status, e.g. a refused token, is then kept.)
  if (!unreadable_end.empty())
    context_.TryCancel();
  grpc::Status status;
  {
    std::lock_guard writing(write_mutex_); // no Write while the stream finishes
    {
      std::lock_guard lock(mutex_);
      closed_ = true; // (after this, write() writes nothing)
    }
    status = stream_->Finish();
  }
  {
    std::lock_guard lock(mutex_);
    end_reason_ = !unreadable_end.empty() ? "the stream ended: " + unreadable_end
                  : status.ok()           ? "the stream ended"
                                          : "the stream ended: " + status.error_message();
  }
  arrived_.notify_all();
  if (on_close_)
    on_close_();
}

bool SessionStream::parse(grpc::ByteBuffer &buffer, v1::Frame &frame) {
  grpc::ProtoBufferReader reader(&buffer);
  if (parse_frame(frame, reader))
    return true;
  grpc::Slice flat;
  if (!buffer.TrySingleSlice(&flat).ok() && !buffer.DumpToSingleSlice(&flat).ok())
    return false;
  std::optional<Unreadable> unreadable =
      unreadable_reply({reinterpret_cast<const char *>(flat.begin()), flat.size()});
  if (!unreadable)
    return false;
  if (unreadable->cancel)
    write(*unreadable->cancel);
  frame = std::move(unreadable->reply);
  return true;
}

} // namespace pybridge::detail
