#include <pybridge/detail/call.hpp>

namespace pybridge::detail {

namespace {
std::string_view take_until(std::string_view &text, char separator) {
  auto end = text.find(separator);
  std::string_view head = text.substr(0, end);
  text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  return head;
}
} // namespace

Site::Site(std::string_view text) noexcept {
  target_ = take_until(text, '|');
  keywords_ = take_until(text, '|');
  std::string_view library = take_until(text, '|');
  flags_ = text;
  module_ = take_until(library, '@');
  hash_ = library;
}

std::string_view Site::next_keyword() noexcept { return take_until(keywords_, ','); }

} // namespace pybridge::detail
