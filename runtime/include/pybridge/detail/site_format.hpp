// The call-site string a synthesized stub body hands the runtime. The clang plugin writes it and
// the runtime reads it, both with this header (the plugin is compiled against it), so the two
// agree by construction. Not an API: users never write call sites.
//
//   "<version>|<target>|<keywords>|<module>@<hash>|<flags>"
//
//   version      site_format_version; a site of another version is refused
//   target       "statistics.median" (a free function or class), or the method/attribute name
//   keywords     one entry per C++ argument, comma-separated: the Python keyword, or empty for
//                positional ("" = all positional; ",width" = positional, then width=)
//   module@hash  the descriptor the stub was checked against, for drift detection (may be empty)
//   flags        call policies, comma-separated (may be empty): "cache=MS" caches results for MS
//                milliseconds, "cache" until evicted; "idempotent" allows retries. A flag this
//                version does not define is an error, never ignored.
//
// Self-contained and exception-free: the plugin is built without exceptions.
#pragma once

#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

namespace pybridge::detail {

/// Bumped whenever the format changes. The plugin checks that the runtime header a translation
/// unit includes states the version it writes.
inline constexpr unsigned site_format_version = 1;

/// The call policies a site's flags set.
struct SitePolicy {
  std::uint64_t cache_ms = 0;       // results are cached this long; 0: not cached
  bool cache_until_evicted = false; // "cache" without a time
  bool idempotent = false;          // the call may be retried when its worker dies
};

/// A site's fields, viewing the site's text.
struct SiteFields {
  std::string_view target, keywords, module, hash, flags;
};

namespace site_format {
inline constexpr char field_separator = '|';
inline constexpr char item_separator = ','; // between keywords, between flags
inline constexpr char hash_separator = '@';
inline constexpr std::string_view cache_flag = "cache";
inline constexpr std::string_view idempotent_flag = "idempotent";

/// The text up to `separator` (all of it when there is none); `text` keeps the rest.
constexpr std::string_view take(std::string_view &text, char separator) {
  auto end = text.find(separator);
  std::string_view head = text.substr(0, end);
  text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  return head;
}
} // namespace site_format

/// Reads one flag into `policy`; false when this version does not define it.
inline bool parse_site_flag(std::string_view flag, SitePolicy &policy) {
  if (flag == site_format::idempotent_flag) {
    policy.idempotent = true;
    return true;
  }
  if (flag == site_format::cache_flag) {
    policy.cache_until_evicted = true;
    return true;
  }
  if (flag.substr(0, site_format::cache_flag.size() + 1) != "cache=")
    return false;
  std::string_view digits = flag.substr(site_format::cache_flag.size() + 1);
  std::uint64_t ms = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), ms);
  if (error != std::errc() || end != digits.data() + digits.size() || ms == 0)
    return false;
  policy.cache_ms = ms;
  return true;
}

/// Reads a site's flags; empty, or why they are not this version's.
inline std::string parse_site_flags(std::string_view flags, SitePolicy &policy) {
  while (!flags.empty()) {
    std::string_view flag = site_format::take(flags, site_format::item_separator);
    if (!parse_site_flag(flag, policy))
      return "unknown call policy '" + std::string(flag) + "'";
  }
  return "";
}

/// Reads a site and its policies; empty, or why it is not a site of this version.
inline std::string parse_site(std::string_view text, SiteFields &fields, SitePolicy &policy) {
  using site_format::field_separator;
  using site_format::take;
  std::string_view version = take(text, field_separator);
  unsigned number = 0;
  auto [end, error] = std::from_chars(version.data(), version.data() + version.size(), number);
  if (error != std::errc() || end != version.data() + version.size())
    return "it has no format version";
  if (number != site_format_version)
    return "it is of format " + std::to_string(number) + ", this runtime reads format " +
           std::to_string(site_format_version);
  fields.target = take(text, field_separator);
  fields.keywords = take(text, field_separator);
  std::string_view library = take(text, field_separator);
  fields.flags = take(text, field_separator);
  if (fields.target.empty() || !text.empty())
    return "it does not have the five fields version|target|keywords|module@hash|flags";
  fields.module = take(library, site_format::hash_separator);
  fields.hash = library;
  return parse_site_flags(fields.flags, policy);
}

/// The flags that set `policy`.
inline std::string write_site_flags(const SitePolicy &policy) {
  std::string flags;
  auto add = [&](std::string_view flag) {
    if (!flags.empty())
      flags += site_format::item_separator;
    flags += flag;
  };
  if (policy.cache_ms)
    add(std::string(site_format::cache_flag) + "=" + std::to_string(policy.cache_ms));
  else if (policy.cache_until_evicted)
    add(site_format::cache_flag);
  if (policy.idempotent)
    add(site_format::idempotent_flag);
  return flags;
}

/// A site from its fields; `keywords` one per argument, in order (see above).
template <class Keywords>
std::string write_site(std::string_view target, const Keywords &keywords, std::string_view module,
                       std::string_view hash, const SitePolicy &policy) {
  using site_format::field_separator;
  std::string site = std::to_string(site_format_version);
  (site += field_separator) += target;
  site += field_separator;
  bool any_keyword = false;
  for (const auto &keyword : keywords)
    any_keyword = any_keyword || !std::string_view(keyword).empty();
  bool first = true;
  for (const auto &keyword : keywords) {
    if (!any_keyword)
      break;
    if (!first)
      site += site_format::item_separator;
    site += std::string_view(keyword);
    first = false;
  }
  site += field_separator;
  if (!module.empty())
    ((site += module) += site_format::hash_separator) += hash;
  site += field_separator;
  site += write_site_flags(policy);
  return site;
}

} // namespace pybridge::detail
