// Shared-memory segments for large arrays on the fast lane: a memfd mapped by the host and
// handed to the worker over the Unix socket (SCM_RIGHTS), so the array's bytes never pass
// through the socket. A segment is freed by the kernel when its last mapping and descriptor
// are gone: nothing to unlink, also when either side crashes.
#pragma once

#include <cstddef>
#include <memory>

namespace pybridge::detail {

/// Arrays at least this large travel in shared memory on the fast lane.
inline constexpr std::size_t kSharedMinBytes = 1u << 20;
/// Segments one frame carries at most (the rest of its arrays go in its trailer).
inline constexpr std::size_t kMaxSegmentsPerFrame = 64;

class SharedMemory {
public:
  /// A fresh zeroed segment of `size` bytes, mapped read-write. Throws BridgeError.
  static std::shared_ptr<SharedMemory> create(std::size_t size);
  /// Maps a segment received as `fd` (now owned: closed with the segment, or at once when
  /// mapping fails). Throws ProtocolError when it is no memfd of at least `min_size` bytes.
  static std::shared_ptr<SharedMemory> adopt(int fd, std::size_t min_size);
  ~SharedMemory();
  SharedMemory(const SharedMemory &) = delete;
  SharedMemory &operator=(const SharedMemory &) = delete;

  char *data() const noexcept { return data_; }
  std::size_t size() const noexcept { return size_; }
  int fd() const noexcept { return fd_; }
  /// True when `fd` refers to this very segment (a segment the worker sent back).
  bool same_segment(int fd) const noexcept;

private:
  SharedMemory(int fd, char *data, std::size_t size) noexcept : fd_(fd), data_(data), size_(size) {}
  int fd_;
  char *data_;
  std::size_t size_;
};

} // namespace pybridge::detail
