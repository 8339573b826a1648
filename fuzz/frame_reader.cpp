// libFuzzer target: the host's fast-lane frame reader (FrameConnection::read) on any bytes a
// worker could send: sizes, trailers, frames that do not parse (a fault reply stands in for
// them, a stream item's Cancel goes back). A pybridge::Error is an answer; any other
// exception, a crash, a hang or a sanitizer report is a bug.
#include "frame_connection.hpp"

#include <pybridge/errors.hpp>

#include <google/protobuf/stubs/logging.h>

#include <cstddef>
#include <cstdint>
#include <sys/socket.h>
#include <unistd.h>

namespace {
namespace v1 = pybridge::v1;
using pybridge::detail::FrameConnection;

constexpr std::size_t kMaxFrame = 1 << 20;
constexpr int kMaxFrames = 64;
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  google::protobuf::SetLogHandler(nullptr); // a line per bad string would drown the output
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  int fds[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
    return 0;
  int big = 1 << 22; // the whole input fits: the reader sees it, then end of file
  ::setsockopt(fds[1], SOL_SOCKET, SO_SNDBUF, &big, sizeof big);
  for (std::size_t sent = 0; sent < size;) {
    ssize_t n = ::send(fds[1], data + sent, size - sent, MSG_NOSIGNAL);
    if (n <= 0)
      break;
    sent += static_cast<std::size_t>(n);
  }
  ::shutdown(fds[1], SHUT_WR);
  {
    auto connection = FrameConnection::adopt(fds[0], kMaxFrame);
    v1::Frame frame;
    try {
      for (int i = 0; i < kMaxFrames; ++i) {
        if (connection->read(frame, std::nullopt) != FrameConnection::ReadStatus::Frame)
          break;
        (void)frame.ByteSizeLong(); // every frame read is a whole, valid message
      }
    } catch (const pybridge::Error &) {
    }
  }
  ::close(fds[1]);
  return 0;
}
