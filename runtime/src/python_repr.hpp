// Python's repr() and str() of the scalar kinds a pybridge::Value holds, as CPython prints
// them: pybridge::Value::str() prints plain values without asking a worker.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pybridge::detail {

/// repr(float): the shortest digits that read back as `value`, positional for
/// 1e-4 <= |value| < 1e16; `point` false drops the ".0" of an integral value (as complex
/// numbers print their parts).
std::string float_repr(double value, bool point = true);
std::string complex_repr(double real, double imag);
/// repr(str) of UTF-8 text: Python's quote choice and escapes (non-printable characters as
/// \xhh, \uhhhh or \Uhhhhhhhh; printable ones as they are).
std::string str_repr(std::string_view text);
std::string bytes_repr(std::string_view bytes);

/// str() and repr() of datetime.datetime (naive, or aware in UTC) and datetime.timedelta.
std::string datetime_str(std::int64_t epoch_us, bool aware);
std::string datetime_repr(std::int64_t epoch_us, bool aware);
std::string duration_str(std::int64_t us);
std::string duration_repr(std::int64_t us);

/// str.isprintable() of one character, by the Unicode version of unicode_version().
bool is_printable(char32_t code_point) noexcept;
/// The Unicode version of the table is_printable() reads (Python's unicodedata.unidata_version).
std::string_view unicode_version() noexcept;

} // namespace pybridge::detail
