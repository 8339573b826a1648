// A 1-D numpy array into a std::vector of another numeric element type: element by element,
// each exactly or not at all, as the same numbers would convert one by one from Python.
#include <pybridge/convert.hpp>
#include <pybridge/detail/dtypes.hpp>
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

/// The reader and item size of a numeric little-endian dtype ("<i8", "|u1", "<f4"), if any.
std::pair<Reader, std::size_t> reader_for(std::string_view dtype) {
  struct Entry {
    std::string_view dtype;
    Reader read;
    std::size_t size;
  };
#define PYBRIDGE_READER_ROW(type, dtype, numpy_name) {dtype, read_as<type>, sizeof(type)},
  static constexpr Entry readers[] = {
      PYBRIDGE_NUMERIC_DTYPES(PYBRIDGE_READER_ROW) //
      {"<f2", read_as<Half>, 2}}; // float16: a source only (C++ has no such element type)
#undef PYBRIDGE_READER_ROW
  if (dtype.size() < 3 || dtype[0] == '>') // any byte order but big-endian: "=i8" too
    return {nullptr, 0};
  for (const Entry &entry : readers) {
    if (entry.dtype.substr(1) == dtype.substr(1))
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
#define PYBRIDGE_CONVERTER_ROW(type, dtype, numpy_name) {dtype, convert_all<type>},
  static constexpr std::pair<std::string_view, Convert> converters[] = {
      PYBRIDGE_NUMERIC_DTYPES(PYBRIDGE_CONVERTER_ROW)};
#undef PYBRIDGE_CONVERTER_ROW
  for (const auto &[name, convert] : converters) {
    if (name == wanted_dtype)
      return convert(dtype, raw, wanted_dtype, out);
  }
  throw_array_mismatch(wanted_dtype, dtype, 1);
}

} // namespace pybridge::detail
