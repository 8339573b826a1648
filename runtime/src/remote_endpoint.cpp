// A remote worker: one gRPC Session stream (session_stream.hpp) on its slot's channel, and
// the connections its calls use on it.
#include "endpoint.hpp"
#include "session_stream.hpp"
#include "trailer.hpp"

#include <pybridge/errors.hpp>

#include <atomic>
#include <grpcpp/channel.h>
#include <thread>

namespace pybridge::detail {

namespace {
constexpr std::size_t kGrpcFrameHeader = 5; // gRPC's own length prefix per message
constexpr std::uint64_t kProbeCallId = ~std::uint64_t{0};
constexpr auto kConnectSlice = std::chrono::milliseconds(100);

/// The calls of one connection on the shared stream: it waits for its latest
/// call's frames.
class RemoteConnection final : public Connection {
public:
  RemoteConnection(std::shared_ptr<SessionStream> stream, std::size_t max_frame)
      : stream_(std::move(stream)), max_frame_(max_frame) {}
  ~RemoteConnection() override {
    if (call_id_)
      stream_->forget(call_id_);
  }

  std::size_t send(v1::Frame &frame, std::optional<Clock::time_point>,
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
  std::shared_ptr<SessionStream> stream_;
  std::size_t max_frame_;
  std::uint64_t call_id_ = 0;
};

class RemoteEndpoint final : public Endpoint {
public:
  RemoteEndpoint(int index, unsigned generation, const WorkerSettings &settings)
      : address_(settings.address), max_message_bytes_(settings.max_message_bytes),
        channel_(settings.channels[static_cast<std::size_t>(index) % settings.channels.size()]),
        stream_(std::make_shared<SessionStream>(channel_,
                                                [on_exit = settings.on_exit, index, generation] {
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
  std::shared_ptr<SessionStream> stream_;
  pid_t pid_ = 0;
  std::atomic<bool> killed_{false};
};
} // namespace

std::unique_ptr<Endpoint> make_remote_endpoint(int index, unsigned generation,
                                               const WorkerSettings &settings) {
  return std::make_unique<RemoteEndpoint>(index, generation, settings);
}

} // namespace pybridge::detail
