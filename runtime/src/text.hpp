// Text the wire carries as a string must be UTF-8: checked before anything is sent.
#pragma once

#include <string_view>

namespace pybridge::detail {

/// Throws ConversionError naming `what` ("a std::string", "the keyword") and the first
/// byte that is not UTF-8, unless `text` is UTF-8 (by protobuf's rule, which a worker's
/// parser applies).
void require_utf8(std::string_view text, std::string_view what);

bool is_utf8(std::string_view text) noexcept;

} // namespace pybridge::detail
