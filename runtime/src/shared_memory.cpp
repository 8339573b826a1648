#include "shared_memory.hpp"

#include <pybridge/errors.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pybridge::detail {

namespace {
char *map_segment(int fd, std::size_t size, int flags = 0) {
  if (size == 0)
    return nullptr;
  void *data = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_SHARED | flags, fd, 0);
  return data == MAP_FAILED ? nullptr : static_cast<char *>(data);
}
} // namespace

std::shared_ptr<SharedMemory> SharedMemory::create(std::size_t size) {
  int fd = ::memfd_create("pybridge-array", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (fd < 0)
    throw BridgeError(std::string("cannot create shared memory for an array: ") +
                      std::strerror(errno));
  // The worker cannot shrink what the host maps (a SIGBUS here otherwise).
  if (::ftruncate(fd, static_cast<off_t>(size)) != 0 ||
      ::fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) != 0) {
    int error = errno;
    ::close(fd);
    throw BridgeError("cannot size shared memory of " + std::to_string(size) +
                      " bytes for an array: " + std::strerror(error));
  }
  // Populated at once: a fresh segment is written next, and faulting its pages in one by
  // one costs more than the copy.
  char *data = map_segment(fd, size, MAP_POPULATE);
  if (!data && size > 0) {
    int error = errno;
    ::close(fd);
    throw BridgeError("cannot map shared memory of " + std::to_string(size) +
                      " bytes for an array: " + std::strerror(error));
  }
  return std::shared_ptr<SharedMemory>(new SharedMemory(fd, data, size));
}

std::shared_ptr<SharedMemory> SharedMemory::adopt(int fd, std::size_t min_size) {
  struct stat status {};
  // Only a segment that cannot shrink is safe to map: a peer truncating it later would
  // turn our reads into SIGBUS.
  int seals = ::fcntl(fd, F_GET_SEALS);
  if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode) || seals < 0 ||
      !(seals & F_SEAL_SHRINK) || static_cast<std::size_t>(status.st_size) < min_size) {
    ::close(fd);
    throw ProtocolError("the worker sent an array in shared memory that is not a sealed "
                        "segment of its size");
  }
  auto size = static_cast<std::size_t>(status.st_size);
  char *data = map_segment(fd, size);
  if (!data && size > 0) {
    int error = errno;
    ::close(fd);
    throw BridgeError(std::string("cannot map an array the worker sent in shared memory: ") +
                      std::strerror(error));
  }
  return std::shared_ptr<SharedMemory>(new SharedMemory(fd, data, size));
}

SharedMemory::~SharedMemory() {
  if (data_)
    ::munmap(data_, size_);
  ::close(fd_);
}

bool SharedMemory::same_segment(int fd) const noexcept {
  struct stat mine {
  }, theirs{};
  return ::fstat(fd_, &mine) == 0 && ::fstat(fd, &theirs) == 0 && mine.st_dev == theirs.st_dev &&
         mine.st_ino == theirs.st_ino;
}

} // namespace pybridge::detail
