#include "frame_connection.hpp"

#include "frame_parse.hpp"
#include "large_buffer.hpp"
#include "shared_memory.hpp"
#include "trailer.hpp"

#include <pybridge/errors.hpp>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

namespace pybridge::detail {

namespace {
constexpr std::size_t kHeader = 4;
constexpr std::size_t kTrailerHeader = 8;
constexpr std::uint32_t kHasTrailer = 1u << 31;
constexpr std::size_t kReadChunk = 64 * 1024;
constexpr std::size_t kKeepBuffer = 1u << 20; // a larger read buffer is freed once empty
// Once a frame has arrived, its trailer is read even past the call's deadline
// (the call is over; only the transfer is left), but no longer than this.
constexpr auto kTrailerGrace = std::chrono::seconds(5);

int remaining_ms(std::optional<Clock::time_point> deadline) {
  if (!deadline)
    return -1;
  auto left = std::chrono::ceil<std::chrono::milliseconds>(*deadline - Clock::now()).count();
  return left > 0 ? static_cast<int>(left) : 0;
}

/// Waits until the socket takes more (false: the deadline passed first).
bool wait_writable(int fd, std::optional<Clock::time_point> deadline) {
  for (;;) {
    pollfd pfd{fd, POLLOUT, 0};
    int ready = ::poll(&pfd, 1, remaining_ms(deadline));
    if (ready < 0 && errno == EINTR)
      continue;
    return ready != 0;
  }
}

/// Room for the descriptors of one frame's segments.
union Control {
  cmsghdr header;
  char bytes[CMSG_SPACE(kMaxSegmentsPerFrame * sizeof(int))];
};

/// Writes every byte of the vector (sendmsg may take less than all, and at most
/// IOV_MAX parts) by `deadline`, `descriptors` with the first byte; returns the
/// bytes written, all of them unless the deadline passed.
std::size_t send_all(int fd, iovec *parts, std::size_t count,
                     std::optional<Clock::time_point> deadline,
                     const std::vector<int> &descriptors = {}) {
  std::size_t written = 0;
  // With a deadline the socket never blocks: it is waited for with poll.
  int flags = MSG_NOSIGNAL | (deadline ? MSG_DONTWAIT : 0);
  Control control{};
  while (count > 0) {
    msghdr message{};
    message.msg_iov = parts;
    message.msg_iovlen = std::min<std::size_t>(count, IOV_MAX);
    bool with_descriptors = written == 0 && !descriptors.empty();
    if (with_descriptors) {
      std::size_t bytes = descriptors.size() * sizeof(int);
      message.msg_control = control.bytes;
      message.msg_controllen = CMSG_SPACE(bytes);
      cmsghdr *header = CMSG_FIRSTHDR(&message);
      header->cmsg_level = SOL_SOCKET;
      header->cmsg_type = SCM_RIGHTS;
      header->cmsg_len = CMSG_LEN(bytes);
      std::memcpy(CMSG_DATA(header), descriptors.data(), bytes);
    }
    // send costs the kernel a little less than sendmsg: the common case.
    ssize_t sent = message.msg_iovlen == 1 && !with_descriptors
                       ? ::send(fd, parts->iov_base, parts->iov_len, flags)
                       : ::sendmsg(fd, &message, flags);
    if (sent < 0 && errno == EINTR)
      continue;
    if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && deadline) {
      if (!wait_writable(fd, deadline))
        return written;
      continue;
    }
    if (sent < 0)
      throw WorkerLost(std::string("the worker went away: ") + std::strerror(errno));
    written += static_cast<std::size_t>(sent);
    auto left = static_cast<std::size_t>(sent);
    while (count > 0 && left >= parts->iov_len) {
      left -= parts->iov_len;
      ++parts;
      --count;
    }
    if (count > 0) {
      parts->iov_base = static_cast<char *>(parts->iov_base) + left;
      parts->iov_len -= left;
    }
  }
  return written;
}

/// Puts detached array data back into the frame however send() ends.
struct Reattach {
  v1::Frame &frame;
  std::vector<std::string> &parts;
  ~Reattach() {
    if (!parts.empty())
      reattach_trailer(frame, parts);
  }
};
} // namespace

std::unique_ptr<FrameConnection> FrameConnection::connect(const std::string &path,
                                                          std::size_t max_frame) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.size() >= sizeof address.sun_path)
    throw SetupError("socket path too long: " + path);
  std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    throw WorkerLost(std::string("cannot create a socket: ") + std::strerror(errno));
  if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
    int error = errno;
    ::close(fd);
    throw WorkerLost("cannot connect to the worker at " + path + ": " + std::strerror(error));
  }
  return std::unique_ptr<FrameConnection>(new FrameConnection(fd, max_frame));
}

FrameConnection::~FrameConnection() {
  drop_descriptors(static_cast<std::uint32_t>(descriptors_.size()));
  ::close(fd_);
}

bool FrameConnection::closed_by_peer() {
  pollfd pfd{fd_, POLLRDHUP, 0};
  return ::poll(&pfd, 1, 0) > 0 && (pfd.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0;
}

std::size_t FrameConnection::send(v1::Frame &frame, std::optional<Clock::time_point> deadline,
                                  const Segments &segments) {
  // The frame is lent (connection.hpp): its segment count is set, and its large arrays'
  // data is moved out while it is written, for the time of this call only.
  std::vector<int> descriptors;
  sent_.clear();
  for (const auto &segment : segments) {
    descriptors.push_back(segment->fd());
    sent_.push_back(segment);
  }
  frame.set_segments(static_cast<std::uint32_t>(segments.size()));
  struct ClearSegments {
    v1::Frame &frame;
    ~ClearSegments() { frame.clear_segments(); }
  } clear_segments{frame};
  std::size_t size = frame.ByteSizeLong();
  std::size_t trailer_size = 0;
  trailer_.clear();
  if (size >= kTrailerMinBytes) {
    trailer_size = detach_trailer(frame, trailer_);
    if (trailer_size > 0)
      size = frame.ByteSizeLong();
  }
  Reattach reattach{frame, trailer_};
  if (size + trailer_size > max_frame_ || size >= kHasTrailer)
    throw ProtocolError("a message of " + std::to_string(size + trailer_size) +
                        " bytes exceeds the limit of " + std::to_string(max_frame_) +
                        " bytes (PYBRIDGE_MAX_MESSAGE_BYTES)");
  std::size_t header = trailer_size > 0 ? kHeader + kTrailerHeader : kHeader;
  out_.resize(header + size);
  auto word = static_cast<std::uint32_t>(size) | (trailer_size > 0 ? kHasTrailer : 0);
  std::memcpy(out_.data(), &word,
              kHeader); // little-endian hosts only (checked in ndarray.hpp)
  if (trailer_size > 0) {
    auto trailer64 = static_cast<std::uint64_t>(trailer_size);
    std::memcpy(out_.data() + kHeader, &trailer64, kTrailerHeader);
  }
  frame.SerializeWithCachedSizesToArray(reinterpret_cast<std::uint8_t *>(out_.data() + header));

  std::size_t written;
  iovec head{out_.data(), out_.size()};
  if (trailer_.empty()) {
    written = send_all(fd_, &head, 1, deadline, descriptors);
  } else {
    std::vector<iovec> parts{head};
    for (auto &data : trailer_)
      parts.push_back({data.data(), data.size()});
    written = send_all(fd_, parts.data(), parts.size(), deadline, descriptors);
  }
  std::size_t total = out_.size() + trailer_size;
  if (written < total) {
    broken_ = broken_ || written > 0; // half a frame went out: nothing after it parses
    throw TimeoutError("the worker did not take the request in time");
  }
  if (out_.capacity() > kKeepBuffer)
    std::string().swap(out_); // don't pin a large buffer
  return total;
}

void FrameConnection::keep_descriptors(const msghdr &message) {
  if (message.msg_flags & MSG_CTRUNC)
    descriptors_lost_ = true;
  for (const cmsghdr *header = CMSG_FIRSTHDR(&message); header;
       header = CMSG_NXTHDR(const_cast<msghdr *>(&message), const_cast<cmsghdr *>(header))) {
    if (header->cmsg_level != SOL_SOCKET || header->cmsg_type != SCM_RIGHTS)
      continue;
    std::size_t count = (header->cmsg_len - CMSG_LEN(0)) / sizeof(int);
    for (std::size_t i = 0; i < count; ++i) {
      int descriptor;
      std::memcpy(&descriptor, CMSG_DATA(header) + i * sizeof(int), sizeof descriptor);
      descriptors_.push_back(descriptor);
    }
  }
}

void FrameConnection::drop_descriptors(std::uint32_t count) noexcept {
  for (; count > 0 && !descriptors_.empty(); --count) {
    ::close(descriptors_.front());
    descriptors_.pop_front();
  }
}

void FrameConnection::take_received_segments(std::uint32_t count) {
  if (count > descriptors_.size() || count > kMaxSegmentsPerFrame) {
    broken_ = true; // the descriptors of later frames cannot be told apart
    throw ProtocolError(descriptors_lost_
                            ? "the worker sent more shared-memory segments than a frame may carry"
                            : "the worker sent a frame without its shared-memory segments");
  }
  for (; count > 0; --count) {
    int descriptor = descriptors_.front();
    descriptors_.pop_front();
    std::shared_ptr<SharedMemory> segment;
    for (const auto &sent : sent_) // a segment of the request coming back: mapped already
      if (auto mine = sent.lock(); mine && mine->same_segment(descriptor)) {
        segment = std::move(mine);
        ::close(descriptor);
        break;
      }
    segments_.push_back(segment ? std::move(segment) : SharedMemory::adopt(descriptor, 0));
  }
}

std::size_t FrameConnection::receive(char *out, std::size_t size,
                                     std::optional<Clock::time_point> deadline,
                                     ReadStatus &status) {
  for (;;) {
    if (deadline) { // without one, recv blocks by itself: one system call, not
                    // two
      pollfd pfd{fd_, POLLIN, 0};
      int ready = ::poll(&pfd, 1, remaining_ms(deadline));
      if (ready < 0 && errno == EINTR)
        continue;
      if (ready == 0) {
        status = ReadStatus::Timeout;
        return 0;
      }
    }
    // recvmsg, not recv: a recv would close the descriptors of shared-memory segments.
    iovec part{out, size};
    Control control;
    msghdr message{};
    message.msg_iov = &part;
    message.msg_iovlen = 1;
    message.msg_control = control.bytes;
    message.msg_controllen = sizeof control.bytes;
    ssize_t got = ::recvmsg(fd_, &message, MSG_CMSG_CLOEXEC);
    if (message.msg_controllen > 0 || (message.msg_flags & MSG_CTRUNC))
      keep_descriptors(message);
    if (got > 0)
      return static_cast<std::size_t>(got);
    if (got < 0 && (errno == EINTR || errno == EAGAIN))
      continue;
    status = ReadStatus::Closed;
    return 0;
  }
}

bool FrameConnection::fill(std::size_t wanted, std::optional<Clock::time_point> deadline,
                           ReadStatus &status) {
  std::size_t have = in_end_ - in_begin_;
  if (have >= wanted)
    return true;
  if (in_capacity_ - in_begin_ < wanted) {
    // Compact, or move to a buffer the size of the frame (read straight into,
    // not grown).
    if (wanted <= in_capacity_) {
      std::memmove(in_.get(), in_.get() + in_begin_, have);
    } else {
      std::size_t capacity = std::max(wanted, kReadChunk);
      auto fresh = std::make_unique_for_overwrite<char[]>(capacity);
      advise_huge_pages(fresh.get(), capacity);
      if (have > 0)
        std::memcpy(fresh.get(), in_.get() + in_begin_, have);
      in_ = std::move(fresh);
      in_capacity_ = capacity;
    }
    in_begin_ = 0;
    in_end_ = have;
  }
  while (in_end_ - in_begin_ < wanted) {
    std::size_t got = receive(in_.get() + in_end_, in_capacity_ - in_end_, deadline, status);
    if (got == 0)
      return false;
    in_end_ += got;
  }
  return true;
}

void FrameConnection::consume(std::size_t size) {
  in_begin_ += size;
  if (in_begin_ < in_end_)
    return;
  in_begin_ = in_end_ = 0;
  if (in_capacity_ > kKeepBuffer) {
    in_.reset();
    in_capacity_ = 0;
  }
}

bool FrameConnection::read_exact(char *out, std::size_t size,
                                 std::optional<Clock::time_point> deadline, ReadStatus &status) {
  std::size_t buffered = std::min(size, in_end_ - in_begin_);
  std::memcpy(out, in_.get() + in_begin_, buffered);
  consume(buffered);
  for (std::size_t done = buffered; done < size;) {
    std::size_t got = receive(out + done, size - done, deadline, status);
    if (got == 0)
      return false;
    done += got;
  }
  return true;
}

FrameConnection::ReadStatus
FrameConnection::replace_unreadable(v1::Frame &frame, std::string_view body, std::size_t header,
                                    std::uint64_t trailer_size,
                                    std::optional<Clock::time_point> deadline) {
  std::optional<Unreadable> unreadable = unreadable_reply(body);
  v1::FrameHeader segments;
  if (segments.ParseFromArray(body.data(), static_cast<int>(body.size())))
    drop_descriptors(segments.segments());
  consume(header + body.size());
  ReadStatus status = ReadStatus::Frame;
  if (deadline)
    deadline = std::max(*deadline, Clock::now() + kTrailerGrace);
  if (!skip(trailer_size, deadline, status)) {
    broken_ = true;
    return status;
  }
  if (!unreadable) {
    broken_ = true; // not even a call id: nothing after it can be trusted
    throw ProtocolError("the worker sent a malformed message");
  }
  if (unreadable->cancel) {
    try {
      send(*unreadable->cancel, Clock::now() + kTrailerGrace);
    } catch (const std::exception &) {
      broken_ = true; // the stream goes on unread: the connection cannot be reused
    }
  }
  frame = std::move(unreadable->reply);
  return ReadStatus::Frame;
}

bool FrameConnection::skip(std::uint64_t size, std::optional<Clock::time_point> deadline,
                           ReadStatus &status) {
  char scratch[16384];
  while (size > 0) {
    auto part = static_cast<std::size_t>(std::min<std::uint64_t>(size, sizeof scratch));
    if (!read_exact(scratch, part, deadline, status))
      return false;
    size -= part;
  }
  return true;
}

FrameConnection::ReadStatus FrameConnection::read(v1::Frame &frame,
                                                  std::optional<Clock::time_point> deadline) {
  ReadStatus status = ReadStatus::Frame;
  segments_.clear();
  if (broken_)
    return ReadStatus::Closed;
  if (!fill(kHeader, deadline, status))
    return status;
  std::uint32_t word;
  std::memcpy(&word, in_.get() + in_begin_, kHeader);
  std::size_t size = word & ~kHasTrailer;
  std::size_t header = kHeader;
  std::uint64_t trailer_size = 0;
  if (word & kHasTrailer) {
    header += kTrailerHeader;
    if (!fill(header, deadline, status))
      return status;
    std::memcpy(&trailer_size, in_.get() + in_begin_ + kHeader, kTrailerHeader);
  }
  if (size > max_frame_ || trailer_size > max_frame_ - size) {
    broken_ = true; // the rest of the stream cannot be found
    throw ProtocolError("the worker sent a message of " + std::to_string(size + trailer_size) +
                        " bytes, over the limit of " + std::to_string(max_frame_));
  }
  if (!fill(header + size, deadline, status))
    return status;
  last_frame_bytes_ = header + size + trailer_size;
  std::string_view body(in_.get() + in_begin_ + header, size);
  if (!parse_frame(frame, body))
    return replace_unreadable(frame, body, header, trailer_size, deadline);
  consume(header + size);
  if (frame.segments() > 0) {
    try {
      take_received_segments(frame.segments());
      check_shared_arrays(frame, segments_);
    } catch (const ProtocolError &) {
      broken_ = true; // its trailer is left unread
      throw;
    }
  }
  if (trailer_size == 0)
    return ReadStatus::Frame;

  // The arrays' data, read straight into their messages.
  auto arrays = trailer_arrays(frame, trailer_size);
  if (deadline)
    deadline = std::max(*deadline, Clock::now() + kTrailerGrace);
  for (v1::NDArray *array : arrays) {
    std::string &data = *array->mutable_data();
    auto data_size = static_cast<std::size_t>(array->trailer().size());
    reserve_large(data, data_size);
    data.resize(data_size);
    if (!read_exact(data.data(), data_size, deadline, status)) {
      broken_ = true; // half a trailer read: the stream cannot be resynchronised
      return status;
    }
    array->clear_trailer();
  }
  return ReadStatus::Frame;
}

} // namespace pybridge::detail
