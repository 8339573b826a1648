#include "large_buffer.hpp"

#include <cstdint>
#include <sys/mman.h>

namespace pybridge::detail {

namespace {
constexpr std::size_t kHugePage = 2u << 20;
} // namespace

void advise_huge_pages(void *data, std::size_t size) noexcept {
  if (size < 2 * kHugePage)
    return;
  // Only whole huge pages inside the range: the advice must not reach
  // neighbouring memory.
  auto begin = (reinterpret_cast<std::uintptr_t>(data) + kHugePage - 1) & ~(kHugePage - 1);
  auto end = (reinterpret_cast<std::uintptr_t>(data) + size) & ~(kHugePage - 1);
  if (end > begin)
    ::madvise(reinterpret_cast<void *>(begin), end - begin, MADV_HUGEPAGE);
}

void reserve_large(std::string &bytes, std::size_t size) {
  if (bytes.capacity() >= size)
    return;
  bytes.reserve(size);
  advise_huge_pages(bytes.data(), bytes.capacity());
}

} // namespace pybridge::detail
