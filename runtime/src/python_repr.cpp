// Python's repr() and str() of the scalar kinds, as CPython 3 prints them (Objects/
// floatobject.c, unicodeobject.c's unicode_repr, bytesobject.c, Modules/_datetimemodule.c).
#include "python_repr.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <utility>

namespace pybridge::detail {

namespace {
struct CodePointRange {
  char32_t first, last;
};
#include "unprintable_ranges.inc"
} // namespace

bool is_printable(char32_t code_point) noexcept {
  const CodePointRange *end = std::end(kUnprintable);
  const CodePointRange *range = std::upper_bound(
      std::begin(kUnprintable), end, code_point,
      [](char32_t cp, const CodePointRange &r) { return cp < r.first; }); // first one after
  return range == std::begin(kUnprintable) || code_point > std::prev(range)->last;
}

std::string_view unicode_version() noexcept { return kUnicodeVersion; }

std::string float_repr(double value, bool point) {
  if (std::isnan(value))
    return "nan";
  if (std::isinf(value))
    return value > 0 ? "inf" : "-inf";
  char buffer[64];
  auto end =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific).ptr;
  std::string_view text(buffer, static_cast<std::size_t>(end - buffer)); // "-1.25e+02"
  std::string sign = text.front() == '-' ? "-" : "";
  if (!sign.empty())
    text.remove_prefix(1);
  auto e = text.find('e');
  int exponent = std::atoi(std::string(text.substr(e + 1)).c_str());
  std::string digits;
  for (char c : text.substr(0, e))
    if (c != '.')
      digits += c;
  if (exponent < -4 || exponent >= 16) {
    std::string mantissa = digits.substr(0, 1);
    if (digits.size() > 1)
      mantissa += "." + digits.substr(1);
    char exp[8];
    std::snprintf(exp, sizeof exp, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    return sign + mantissa + exp;
  }
  if (exponent < 0)
    return sign + "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
  auto integer_digits = static_cast<std::size_t>(exponent) + 1;
  if (digits.size() <= integer_digits) {
    digits.append(integer_digits - digits.size(), '0');
    return sign + digits + (point ? ".0" : "");
  }
  return sign + digits.substr(0, integer_digits) + "." + digits.substr(integer_digits);
}

std::string complex_repr(double real, double imag) {
  std::string imag_text = float_repr(imag, false) + "j";
  if (real == 0 && !std::signbit(real))
    return imag_text;
  if (imag_text.front() != '-')
    imag_text = "+" + imag_text;
  return "(" + float_repr(real, false) + imag_text + ")";
}

namespace {
/// Python's quote: ' unless the text holds ' and no ".
char quote_for(std::string_view text) {
  bool has_single = text.find('\'') != std::string_view::npos;
  return has_single && text.find('"') == std::string_view::npos ? '"' : '\'';
}

void append_hex(std::string &out, const char *prefix, char32_t value, int digits) {
  char text[16];
  std::snprintf(text, sizeof text, "%s%0*x", prefix, digits, static_cast<unsigned>(value));
  out += text;
}

/// The escapes str and bytes share, for an ASCII character (false: not ASCII).
bool append_ascii(std::string &out, char32_t c, char quote) {
  if (c >= 0x80)
    return false;
  if (c == static_cast<char32_t>(quote) || c == '\\')
    out += {'\\', static_cast<char>(c)};
  else if (c == '\n')
    out += "\\n";
  else if (c == '\r')
    out += "\\r";
  else if (c == '\t')
    out += "\\t";
  else if (c < 0x20 || c == 0x7f)
    append_hex(out, "\\x", c, 2);
  else
    out += static_cast<char>(c);
  return true;
}

/// The code point UTF-8 `text` starts with and its length; length 0 where `text` does not
/// start with UTF-8 (never so for a str the wire carried: protobuf checks strings).
std::pair<char32_t, std::size_t> decode_utf8(std::string_view text) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char lead = byte(0);
  std::size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0;
  if (length == 0 || length > text.size() || lead > 0xF4)
    return {0, 0};
  if (length == 1)
    return {lead, 1};
  char32_t cp = lead & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80)
      return {0, 0};
    cp = (cp << 6) | (byte(i) & 0x3F);
  }
  static constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kSmallest[length] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return {0, 0};
  return {cp, length};
}
} // namespace

std::string str_repr(std::string_view text) {
  char quote = quote_for(text);
  std::string out(1, quote);
  while (!text.empty()) {
    auto [cp, length] = decode_utf8(text);
    if (length == 0) { // not UTF-8: the byte, as bytes would show it
      append_hex(out, "\\x", static_cast<unsigned char>(text.front()), 2);
      length = 1;
    } else if (append_ascii(out, cp, quote)) {
    } else if (is_printable(cp)) {
      out += text.substr(0, length);
    } else if (cp <= 0xFF) {
      append_hex(out, "\\x", cp, 2);
    } else if (cp <= 0xFFFF) {
      append_hex(out, "\\u", cp, 4);
    } else {
      append_hex(out, "\\U", cp, 8);
    }
    text.remove_prefix(length);
  }
  return out + quote;
}

std::string bytes_repr(std::string_view bytes) {
  char quote = quote_for(bytes);
  std::string out = {'b', quote};
  for (char c : bytes) {
    auto byte = static_cast<unsigned char>(c);
    if (!append_ascii(out, byte, quote))
      append_hex(out, "\\x", byte, 2);
  }
  return out + quote;
}

namespace {
struct CivilTime {
  int year;
  unsigned month, day;
  std::int64_t hour, minute, second, micro;
};

CivilTime civil(std::int64_t epoch_us) {
  using namespace std::chrono;
  sys_time<microseconds> time{microseconds(epoch_us)};
  auto day = floor<days>(time);
  year_month_day date{day};
  std::int64_t in_day = (time - day).count();
  return {int(date.year()),       unsigned(date.month()),   unsigned(date.day()),
          in_day / 3'600'000'000, in_day / 60'000'000 % 60, in_day / 1'000'000 % 60,
          in_day % 1'000'000};
}

} // namespace

std::string datetime_str(std::int64_t epoch_us, bool aware) {
  CivilTime t = civil(epoch_us);
  char out[64];
  int n = std::snprintf(out, sizeof out, "%04d-%02u-%02u %02lld:%02lld:%02lld", t.year, t.month,
                        t.day, (long long)t.hour, (long long)t.minute, (long long)t.second);
  if (t.micro)
    n += std::snprintf(out + n, sizeof out - n, ".%06lld", (long long)t.micro);
  return std::string(out, static_cast<std::size_t>(n)) + (aware ? "+00:00" : "");
}

std::string datetime_repr(std::int64_t epoch_us, bool aware) {
  CivilTime t = civil(epoch_us);
  std::string out = "datetime.datetime(" + std::to_string(t.year) + ", " + std::to_string(t.month) +
                    ", " + std::to_string(t.day) + ", " + std::to_string(t.hour) + ", " +
                    std::to_string(t.minute);
  if (t.second || t.micro)
    out += ", " + std::to_string(t.second);
  if (t.micro)
    out += ", " + std::to_string(t.micro);
  return out + (aware ? ", tzinfo=datetime.timezone.utc)" : ")");
}

namespace {
/// Python normalises a timedelta to days (may be negative) + seconds +
/// microseconds.
struct Delta {
  std::int64_t days, seconds, micro;
};
Delta normalise(std::int64_t us) {
  constexpr std::int64_t kDay = 86'400'000'000;
  std::int64_t days = us / kDay, rest = us % kDay;
  if (rest < 0)
    rest += kDay, --days;
  return {days, rest / 1'000'000, rest % 1'000'000};
}

} // namespace

std::string duration_str(std::int64_t us) {
  Delta d = normalise(us);
  std::string out;
  if (d.days)
    out = std::to_string(d.days) + (std::abs(d.days) == 1 ? " day, " : " days, ");
  char clock[32];
  int n = std::snprintf(clock, sizeof clock, "%lld:%02lld:%02lld", (long long)(d.seconds / 3600),
                        (long long)(d.seconds / 60 % 60), (long long)(d.seconds % 60));
  if (d.micro)
    n += std::snprintf(clock + n, sizeof clock - n, ".%06lld", (long long)d.micro);
  return out + std::string(clock, static_cast<std::size_t>(n));
}

std::string duration_repr(std::int64_t us) {
  Delta d = normalise(us);
  std::string out;
  auto field = [&](const char *name, std::int64_t value) {
    if (!value)
      return;
    out += (out.empty() ? "" : ", ") + std::string(name) + "=" + std::to_string(value);
  };
  field("days", d.days);
  field("seconds", d.seconds);
  field("microseconds", d.micro);
  return "datetime.timedelta(" + (out.empty() ? "0" : out) + ")";
}

} // namespace pybridge::detail
