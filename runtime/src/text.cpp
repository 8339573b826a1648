#include "text.hpp"

#include <pybridge/errors.hpp>

#include <google/protobuf/stubs/common.h>

#include <cstdio>
#include <string>

namespace pybridge::detail {

namespace {
/// The length of the longest UTF-8 prefix of `text`, by protobuf's own rule: the one a
/// worker's parser applies to every string it reads.
std::size_t utf8_prefix(std::string_view text) noexcept {
  return static_cast<std::size_t>(google::protobuf::internal::UTF8SpnStructurallyValid(
      google::protobuf::StringPiece(text.data(), text.size())));
}
} // namespace

bool is_utf8(std::string_view text) noexcept { return utf8_prefix(text) >= text.size(); }

void require_utf8(std::string_view text, std::string_view what) {
  std::size_t valid = utf8_prefix(text);
  if (valid >= text.size())
    return;
  char byte[8];
  std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[valid]));
  throw ConversionError(std::string(what) + " that is not UTF-8 text (byte " + byte +
                        " at offset " + std::to_string(valid) +
                        ") cannot become a Python str; pass binary data as pybridge::Bytes");
}

} // namespace pybridge::detail
