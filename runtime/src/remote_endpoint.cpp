// A remote worker: one gRPC Session stream on its slot's channel.
// Calls on it are told apart by call id; a reader thread hands each frame to
// the call waiting for it.
#include "endpoint.hpp"
#include "frame_parse.hpp"
#include "trailer.hpp"

#include "pybridge.grpc.pb.h"

#include <pybridge/errors.hpp>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <grpcpp/grpcpp.h>
#include <grpcpp/support/proto_buffer_reader.h>
#include <map>
#include <mutex>
#include <thread>

namespace pybridge::detail {

namespace {
constexpr std::size_t kGrpcFrameHeader = 5; // gRPC's own length prefix per message
constexpr std::uint64_t kProbeCallId = ~std::uint64_t{0};
constexpr auto kConnectSlice = std::chrono::milliseconds(100);

class Stream {
public:
  Stream(std::shared_ptr<grpc::Channel> channel, std::function<void()> on_close)
      : channel_(std::move(channel)), on_close_(std::move(on_close)) {}

  ~Stream() {
    context_.TryCancel();
    if (reader_.joinable())
      reader_.join();
  }

  void open() {
    // The stub's Session reads Frames with protobuf's default depth limit (100 messages):
    // the stream reads bytes and parses them itself (frame_parse.hpp).
    static const std::string method =
        "/" + std::string(v1::Worker::service_full_name()) + "/Session";
    grpc::internal::RpcMethod session(method.c_str(), grpc::internal::RpcMethod::BIDI_STREAMING,
                                      channel_);
    stream_.reset(grpc::internal::ClientReaderWriterFactory<v1::Frame, grpc::ByteBuffer>::Create(
        channel_.get(), session, &context_));
    reader_ = std::thread([this] { read_all(); });
  }

  bool write(const v1::Frame &frame) {
    std::lock_guard lock(write_mutex_);
    return !closed() && stream_->Write(frame);
  }

  void expect(std::uint64_t call_id) {
    std::lock_guard lock(mutex_);
    inbox_[call_id];
  }

  void forget(std::uint64_t call_id) {
    std::lock_guard lock(mutex_);
    inbox_.erase(call_id);
  }

  Connection::ReadStatus take(std::uint64_t call_id, v1::Frame &frame,
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

  bool closed() const {
    std::lock_guard lock(mutex_);
    return closed_;
  }
  std::string end_reason() const {
    std::lock_guard lock(mutex_);
    return end_reason_;
  }
  void close() noexcept { context_.TryCancel(); }

private:
  void read_all() {
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

  /// The frame in `buffer`, or the fault reply standing in for a reply or item that does
  /// not parse (an item's stream is cancelled); false when it names no call.
  bool parse(grpc::ByteBuffer &buffer, v1::Frame &frame) {
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

/// The calls of one connection on the shared stream: it waits for its latest
/// call's frames.
class RemoteConnection final : public Connection {
public:
  RemoteConnection(std::shared_ptr<Stream> stream, std::size_t max_frame)
      : stream_(std::move(stream)), max_frame_(max_frame) {}
  ~RemoteConnection() override {
    if (call_id_)
      stream_->forget(call_id_);
  }

  std::size_t send(const v1::Frame &frame, std::optional<Clock::time_point>,
                   const Segments &segments = {}) override {
    if (!segments.empty()) { // no shared memory across hosts: the arrays travel in the frame
      v1::Frame copy = frame;
      inline_shared_arrays(copy, segments);
      return send(copy, std::nullopt);
    }
    std::size_t size = frame.ByteSizeLong();
    if (size > max_frame_)
      throw ProtocolError("a message of " + std::to_string(size) + " bytes exceeds the limit of " +
                          std::to_string(max_frame_) + " bytes (PYBRIDGE_MAX_MESSAGE_BYTES)");
    if (frame.has_call()) {
      if (call_id_)
        stream_->forget(call_id_); // late frames of the previous call are dropped
      call_id_ = frame.call().call_id();
      stream_->expect(call_id_);
    }
    if (!stream_->write(frame))
      throw WorkerLost("the remote worker's stream closed");
    return size + kGrpcFrameHeader;
  }

  bool closed_by_peer() override { return stream_->closed(); }

  ReadStatus read(v1::Frame &frame, std::optional<Clock::time_point> deadline) override {
    if (!call_id_)
      return ReadStatus::Closed;
    ReadStatus status = stream_->take(call_id_, frame, deadline);
    if (status == ReadStatus::Frame)
      last_frame_bytes_ = frame.ByteSizeLong() + kGrpcFrameHeader;
    return status;
  }

private:
  std::shared_ptr<Stream> stream_;
  std::size_t max_frame_;
  std::uint64_t call_id_ = 0;
};

class RemoteEndpoint final : public Endpoint {
public:
  RemoteEndpoint(int index, unsigned generation, const WorkerSettings &settings)
      : address_(settings.address), max_message_bytes_(settings.max_message_bytes),
        channel_(settings.channels[static_cast<std::size_t>(index) % settings.channels.size()]),
        stream_(std::make_shared<Stream>(channel_, [on_exit = settings.on_exit, index, generation] {
          if (on_exit)
            on_exit(index, generation);
        })) {}

  void wait_ready(std::chrono::milliseconds timeout) override {
    // In slices, so a pool that stops meanwhile (kill()) is not kept waiting.
    auto deadline = std::chrono::system_clock::now() + timeout;
    while (!channel_->WaitForConnected(
        std::min(deadline, std::chrono::system_clock::now() + kConnectSlice))) {
      if (killed_)
        throw SetupError("stopped while connecting to " + address_);
      if (std::chrono::system_clock::now() >= deadline)
        throw SetupError("no remote worker answered at " + address_ + " within " +
                         std::to_string(timeout.count()) + " ms");
    }
    if (killed_)
      throw SetupError("stopped while connecting to " + address_);
    stream_->open();
    // The first round trip proves the stream serves: any reply does. Our agent
    // answers a health probe with its pid whatever its allowlist admits; a worker
    // that gives no health answer leaves the pid unknown (0).
    RemoteConnection probe(stream_, max_message_bytes_);
    v1::Frame request;
    request.mutable_call()->set_call_id(kProbeCallId);
    request.mutable_call()->set_op(v1::CallRequest::HEALTH);
    v1::Frame reply;
    try {
      probe.send(request, std::nullopt);
    } catch (const WorkerLost &) {
      throw SetupError("the remote worker at " + address_ +
                       " did not answer: " + stream_->end_reason());
    }
    auto status = probe.read(reply, Clock::now() + timeout);
    if (status == Connection::ReadStatus::Timeout)
      throw SetupError("the remote worker at " + address_ + " did not answer within " +
                       std::to_string(timeout.count()) + " ms");
    if (status == Connection::ReadStatus::Closed)
      throw SetupError("the remote worker at " + address_ +
                       " did not answer: " + stream_->end_reason());
    if (reply.has_reply() && reply.reply().has_health())
      pid_ = static_cast<pid_t>(reply.reply().health().pid());
  }

  std::unique_ptr<Connection> connect() override {
    if (stream_->closed())
      throw WorkerLost("the stream to the remote worker at " + address_ + " is closed");
    return std::make_unique<RemoteConnection>(stream_, max_message_bytes_);
  }

  pid_t pid() const noexcept override { return pid_; }
  void interrupt() noexcept override {} // the worker interrupts the call on its Cancel
  void kill() noexcept override {
    killed_ = true;
    stream_->close();
  }

  std::string death() override {
    for (int i = 0; i < 100 && !stream_->closed(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return "(remote, at " + address_ + "): " + stream_->end_reason();
  }

private:
  std::string address_;
  std::size_t max_message_bytes_;
  std::shared_ptr<grpc::Channel> channel_; // before stream_, which opens on it
  std::shared_ptr<Stream> stream_;
  pid_t pid_ = 0;
  std::atomic<bool> killed_{false};
};
} // namespace

std::unique_ptr<Endpoint> make_remote_endpoint(int index, unsigned generation,
                                               const WorkerSettings &settings) {
  return std::make_unique<RemoteEndpoint>(index, generation, settings);
}

} // namespace pybridge::detail
