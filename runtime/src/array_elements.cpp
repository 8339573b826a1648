// A 1-D numpy array into a std::vector of another numeric element type: element by element,
// each exactly or not at all, as the same numbers would convert one by one from Python.
#include <pybridge/convert.hpp>
#include <pybridge/ndarray.hpp>

#include <cmath>
#include <complex>
#include <cstring>
#include <limits>
#include <string>
#include <utility>

namespace pybridge::detail {
namespace {

/// One source element widened to the widest type of its kind (long double holds every
/// float, double and long double exactly).
struct Element {
  enum class Kind { Signed, Unsigned, Floating, Complex } kind;
  std::int64_t i = 0;
  std::uint64_t u = 0;
  long double f = 0;
  long double imag = 0; // Complex: f is the real part
};

/// numpy's float16 ("<f2"): IEEE binary16, every value of which is exactly a float.
struct Half {
  std::uint16_t bits;
};

float half_to_float(std::uint16_t bits) {
  float sign = bits & 0x8000 ? -1.0f : 1.0f;
  int exponent = (bits >> 10) & 0x1f;
  int mantissa = bits & 0x3ff;
  if (exponent == 0x1f)
    return mantissa ? std::numeric_limits<float>::quiet_NaN()
                    : sign * std::numeric_limits<float>::infinity();
  if (exponent == 0) // subnormal: mantissa * 2^-24
    return sign * std::ldexp(static_cast<float>(mantissa), -24);
  return sign * std::ldexp(static_cast<float>(mantissa | 0x400), exponent - 25);
}

template <class T> struct is_complex : std::false_type {};
template <class T> struct is_complex<std::complex<T>> : std::true_type {};

template <class Source> Element read_as(const char *at) {
  Source value;
  std::memcpy(&value, at, sizeof value);
  if constexpr (std::is_same_v<Source, Half>)
    return {Element::Kind::Floating, 0, 0, half_to_float(value.bits)};
  else if constexpr (is_complex<Source>::value)
    return {Element::Kind::Complex, 0, 0, value.real(), value.imag()};
  else if constexpr (std::is_floating_point_v<Source>)
    return {Element::Kind::Floating, 0, 0, value};
  else if constexpr (std::is_signed_v<Source>)
    return {Element::Kind::Signed, value, 0, 0};
  else
    return {Element::Kind::Unsigned, 0, value, 0};
}

using Reader = Element (*)(const char *);

// numpy's longdouble is the C compiler's long double (dtype_of): x87 extended precision in 16
// bytes on x86-64 Linux, or double itself where long double is double (then read above).
constexpr std::string_view kLongDouble = dtype_of<long double>().substr(1);
constexpr std::string_view kLongComplex = dtype_of<std::complex<long double>>().substr(1);

/// The reader and item size of a numeric little-endian dtype ("<i8", "|u1", "<f4"), if any.
std::pair<Reader, std::size_t> reader_for(std::string_view dtype) {
  struct Entry {
    std::string_view code;
    Reader read;
    std::size_t size;
  };
  static constexpr Entry readers[] = {
      {"i1", read_as<std::int8_t>, 1},
      {"i2", read_as<std::int16_t>, 2},
      {"i4", read_as<std::int32_t>, 4},
      {"i8", read_as<std::int64_t>, 8},
      {"u1", read_as<std::uint8_t>, 1},
      {"u2", read_as<std::uint16_t>, 2},
      {"u4", read_as<std::uint32_t>, 4},
      {"u8", read_as<std::uint64_t>, 8},
      {"f2", read_as<Half>, 2},
      {"f4", read_as<float>, 4},
      {"f8", read_as<double>, 8},
      {"c8", read_as<std::complex<float>>, 8},
      {"c16", read_as<std::complex<double>>, 16},
      {kLongDouble, read_as<long double>, sizeof(long double)},
      {kLongComplex, read_as<std::complex<long double>>, 2 * sizeof(long double)}};
  if (dtype.size() < 3 || dtype[0] == '>')
    return {nullptr, 0};
  for (const Entry &entry : readers) {
    if (entry.code == dtype.substr(1))
      return {entry.read, entry.size};
  }
  return {nullptr, 0};
}

/// `e` as a `To`, if it is exactly that number (floats never become integers, nor complex
/// numbers reals, as in Python).
template <class To> bool convert(const Element &e, To &out) {
  if constexpr (is_complex<To>::value) {
    using Part = typename To::value_type;
    Part real{}, imag{};
    Element real_part = e, imag_part{Element::Kind::Floating, 0, 0, e.imag};
    if (e.kind == Element::Kind::Complex)
      real_part.kind = Element::Kind::Floating;
    if (!convert(real_part, real) || !convert(imag_part, imag))
      return false;
    out = To(real, imag);
    return true;
  } else if (e.kind == Element::Kind::Complex) {
    return false;
  } else if constexpr (std::is_integral_v<To>) {
    if (e.kind == Element::Kind::Floating)
      return false;
    bool fits = e.kind == Element::Kind::Signed ? std::in_range<To>(e.i) : std::in_range<To>(e.u);
    out = e.kind == Element::Kind::Signed ? static_cast<To>(e.i) : static_cast<To>(e.u);
    return fits;
  } else {
    if (e.kind == Element::Kind::Floating) {
      out = static_cast<To>(e.f);
      return static_cast<long double>(out) == e.f || std::isnan(e.f);
    }
    // 2^64 and 2^63 are exact doubles; anything that rounds up to them did not fit.
    if (e.kind == Element::Kind::Signed) {
      out = static_cast<To>(e.i);
      return out < 0x1p63 && static_cast<std::int64_t>(out) == e.i;
    }
    out = static_cast<To>(e.u);
    return out < 0x1p64 && static_cast<std::uint64_t>(out) == e.u;
  }
}

template <class To>
void convert_all(std::string_view dtype, std::string_view raw, std::string_view wanted_dtype,
                 void *out) {
  auto [read, item_size] = reader_for(dtype);
  To *values = static_cast<To *>(out);
  for (std::size_t i = 0, n = raw.size() / item_size; i < n; ++i) {
    if (!convert(read(raw.data() + i * item_size), values[i]))
      throw ConversionError("element " + std::to_string(i) + " of a numpy array of " +
                            std::string(dtype) + " is not exactly a " + std::string(wanted_dtype));
  }
}

} // namespace

std::size_t numeric_array_length(std::string_view dtype, std::string_view raw,
                                 std::string_view wanted_dtype) {
  auto [read, item_size] = reader_for(dtype);
  if (!read || raw.size() % item_size != 0)
    throw_array_mismatch(wanted_dtype, dtype, 1);
  return raw.size() / item_size;
}

void convert_array_elements(std::string_view dtype, std::string_view raw,
                            std::string_view wanted_dtype, void *out) {
  // wanted_dtype is dtype_of<T>() of a non-bool arithmetic T: one of these.
  using Convert = void (*)(std::string_view, std::string_view, std::string_view, void *);
  static constexpr std::pair<std::string_view, Convert> converters[] = {
      {"|i1", convert_all<std::int8_t>},
      {"<i2", convert_all<std::int16_t>},
      {"<i4", convert_all<std::int32_t>},
      {"<i8", convert_all<std::int64_t>},
      {"|u1", convert_all<std::uint8_t>},
      {"<u2", convert_all<std::uint16_t>},
      {"<u4", convert_all<std::uint32_t>},
      {"<u8", convert_all<std::uint64_t>},
      {"<f4", convert_all<float>},
      {"<f8", convert_all<double>},
      {"<c8", convert_all<std::complex<float>>},
      {"<c16", convert_all<std::complex<double>>},
      {dtype_of<long double>(), convert_all<long double>},
      {dtype_of<std::complex<long double>>(), convert_all<std::complex<long double>>}};
  for (const auto &[name, convert] : converters) {
    if (name == wanted_dtype)
      return convert(dtype, raw, wanted_dtype, out);
  }
  throw_array_mismatch(wanted_dtype, dtype, 1);
}

} // namespace pybridge::detail
