#include "baselines.hpp"

#include "echo.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace bench {

namespace {
[[noreturn]] void fail(const std::string &what) {
  throw std::runtime_error(what + ": " + std::strerror(errno));
}
} // namespace

RawEchoClient::RawEchoClient(const std::string &socket_path, std::size_t payload_bytes) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (socket_path.size() >= sizeof address.sun_path)
    throw std::runtime_error("path too long");
  std::memcpy(address.sun_path, socket_path.c_str(), socket_path.size() + 1);
  fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0)
    fail("socket");
  if (::connect(fd_, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
    ::close(fd_);
    fail("connect to the raw echo server");
  }
  auto size = static_cast<std::uint32_t>(payload_bytes);
  out_.assign(4 + payload_bytes, 'x');
  std::memcpy(out_.data(), &size, 4);
  in_.resize(out_.size());
}

RawEchoClient::~RawEchoClient() { ::close(fd_); }

void RawEchoClient::round_trip() {
  // What the fast lane does per call: one send of header + body, then read
  // header + body.
  if (::send(fd_, out_.data(), out_.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(out_.size()))
    fail("send");
  std::size_t have = 0;
  while (have < in_.size()) {
    ssize_t got = ::recv(fd_, in_.data() + have, in_.size() - have, 0);
    if (got <= 0)
      fail("recv");
    have += static_cast<std::size_t>(got);
  }
}

struct GrpcEchoClient::Impl {
  std::unique_ptr<pybridge::bench::Echo::Stub> stub;
  pybridge::bench::Blob request, reply;
};

GrpcEchoClient::GrpcEchoClient(const std::string &socket_path, std::size_t payload_bytes)
    : impl_(std::make_unique<Impl>()) {
  auto channel = grpc::CreateChannel("unix:" + socket_path, grpc::InsecureChannelCredentials());
  impl_->stub = pybridge::bench::Echo::NewStub(channel);
  impl_->request.set_data(std::string(payload_bytes, 'x'));
}

GrpcEchoClient::~GrpcEchoClient() = default;

void GrpcEchoClient::round_trip() {
  grpc::ClientContext context;
  grpc::Status status = impl_->stub->Unary(&context, impl_->request, &impl_->reply);
  if (!status.ok())
    throw std::runtime_error("grpc echo failed: " + status.error_message());
}

} // namespace bench
