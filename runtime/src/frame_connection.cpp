#include "frame_connection.hpp"

#include <pybridge/errors.hpp>

#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace pybridge::detail {

namespace {
constexpr std::size_t kHeader = 4;
constexpr std::size_t kReadChunk = 64 * 1024;

std::uint32_t decode_size(const char *bytes) {
  std::uint32_t size;
  std::memcpy(&size, bytes, kHeader); // little-endian hosts only (checked in ndarray.hpp)
  return size;
}

int remaining_ms(std::optional<Clock::time_point> deadline) {
  if (!deadline) return -1;
  auto left = std::chrono::ceil<std::chrono::milliseconds>(*deadline - Clock::now()).count();
  return left > 0 ? static_cast<int>(left) : 0;
}
} // namespace

std::unique_ptr<FrameConnection> FrameConnection::connect(const std::string &path,
                                                          std::size_t max_frame) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.size() >= sizeof address.sun_path)
    throw SetupError("socket path too long: " + path);
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw WorkerLost(std::string("cannot create a socket: ") + std::strerror(errno));
  if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
    int error = errno;
    ::close(fd);
    throw WorkerLost("cannot connect to the worker at " + path + ": " + std::strerror(error));
  }
  return std::unique_ptr<FrameConnection>(new FrameConnection(fd, max_frame));
}

FrameConnection::~FrameConnection() { ::close(fd_); }

bool FrameConnection::closed_by_peer() {
  pollfd pfd{fd_, POLLRDHUP, 0};
  return ::poll(&pfd, 1, 0) > 0 && (pfd.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0;
}

std::size_t FrameConnection::send(const v1::Frame &frame) {
  std::size_t size = frame.ByteSizeLong();
  if (size > max_frame_)
    throw ProtocolError("a message of " + std::to_string(size) + " bytes exceeds the limit of " +
                        std::to_string(max_frame_) + " bytes (PYBRIDGE_MAX_MESSAGE_BYTES)");
  out_.resize(kHeader + size);
  auto size32 = static_cast<std::uint32_t>(size);
  std::memcpy(out_.data(), &size32, kHeader);
  frame.SerializeWithCachedSizesToArray(reinterpret_cast<std::uint8_t *>(out_.data() + kHeader));
  const char *data = out_.data();
  std::size_t left = out_.size();
  while (left > 0) {
    ssize_t sent = ::send(fd_, data, left, MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent < 0) throw WorkerLost(std::string("the worker went away: ") + std::strerror(errno));
    data += sent;
    left -= static_cast<std::size_t>(sent);
  }
  std::size_t total = out_.size();
  if (out_.capacity() > (1u << 20)) std::string().swap(out_); // don't pin a large buffer
  return total;
}

bool FrameConnection::fill(std::size_t wanted, std::optional<Clock::time_point> deadline,
                           ReadStatus &status) {
  // Compact, then read until `wanted` bytes are buffered.
  if (begin_ > 0) {
    buffer_.erase(0, begin_);
    begin_ = 0;
  }
  while (buffer_.size() < wanted) {
    pollfd pfd{fd_, POLLIN, 0};
    int ready = ::poll(&pfd, 1, remaining_ms(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) {
      status = ReadStatus::Timeout;
      return false;
    }
    std::size_t have = buffer_.size();
    std::size_t chunk = std::max(kReadChunk, wanted - have);
    buffer_.resize(have + chunk);
    ssize_t got = ::recv(fd_, buffer_.data() + have, chunk, 0);
    buffer_.resize(have + static_cast<std::size_t>(std::max<ssize_t>(got, 0)));
    if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (got <= 0) {
      status = ReadStatus::Closed;
      return false;
    }
  }
  return true;
}

FrameConnection::ReadStatus FrameConnection::read(v1::Frame &frame,
                                                  std::optional<Clock::time_point> deadline) {
  ReadStatus status = ReadStatus::Frame;
  if (buffer_.size() - begin_ < kHeader && !fill(kHeader, deadline, status)) return status;
  std::size_t size = decode_size(buffer_.data() + begin_);
  if (size > max_frame_)
    throw ProtocolError("the worker sent a message of " + std::to_string(size) +
                        " bytes, over the limit of " + std::to_string(max_frame_));
  if (buffer_.size() - begin_ < kHeader + size && !fill(kHeader + size, deadline, status))
    return status;
  if (!frame.ParseFromArray(buffer_.data() + begin_ + kHeader, static_cast<int>(size)))
    throw ProtocolError("the worker sent a malformed message");
  begin_ += kHeader + size;
  last_frame_bytes_ = kHeader + size;
  if (begin_ == buffer_.size()) {
    buffer_.clear();
    begin_ = 0;
    if (buffer_.capacity() > (1u << 20)) std::string().swap(buffer_);
  }
  return ReadStatus::Frame;
}

} // namespace pybridge::detail
