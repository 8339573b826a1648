// Reading the call sites synthesized stub bodies pass (pybridge/detail/site_format.hpp).
#include <pybridge/detail/call.hpp>
#include <pybridge/errors.hpp>

namespace pybridge::detail {

Site::Site(std::string_view text) {
  if (std::string why = parse_site(text, fields_, policy_); !why.empty())
    throw BridgeError("cannot run the call site \"" + std::string(text) + "\": " + why +
                      "; the program was built by a PyBridge plugin that does not match this "
                      "runtime: rebuild it with the plugin of this installation");
}

std::string_view Site::next_keyword() noexcept {
  return site_format::take(fields_.keywords, site_format::item_separator);
}

} // namespace pybridge::detail
