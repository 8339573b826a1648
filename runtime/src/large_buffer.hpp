// Large byte buffers backed by huge pages where the kernel offers them
// (transparent huge pages in "madvise" mode): first touching 64 MiB of 4 KiB
// pages costs more than copying it.
#pragma once

#include <cstddef>
#include <string>

namespace pybridge::detail {

/// Gives `bytes` room for `size` bytes; a fresh large allocation is advised to
/// use huge pages before anything is written to it.
void reserve_large(std::string &bytes, std::size_t size);

/// Advises huge pages for [data, data + size) when it is large (a no-op
/// otherwise).
void advise_huge_pages(void *data, std::size_t size) noexcept;

} // namespace pybridge::detail
