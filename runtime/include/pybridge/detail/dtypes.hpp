// The numpy dtypes C++ numbers travel as: one table, read by dtype_of<T>() (ndarray.hpp) and by
// the element-by-element array conversion (runtime/src/array_elements.cpp). Not an API.
#pragma once

#include <bit>
#include <complex>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <tuple>
#include <type_traits>

namespace pybridge::detail {

/// numpy's longdouble is the C compiler's long double: x87 extended precision in 16 bytes on
/// x86-64 Linux, or double itself where long double is double.
inline constexpr std::string_view long_double_dtype =
    sizeof(long double) == sizeof(double) ? "<f8" : "<f16";
inline constexpr std::string_view long_complex_dtype =
    sizeof(long double) == sizeof(double) ? "<c16" : "<c32";

// X(C++ element type, numpy's dtype string, numpy's name for it), one row per numeric dtype
// of a little-endian host. test/runtime/DTypeTest.cpp checks each row against numpy.
// clang-format off
#define PYBRIDGE_NUMERIC_DTYPES(X)                                                                 \
  X(std::int8_t,               "|i1",                                  "int8")                     \
  X(std::int16_t,              "<i2",                                  "int16")                    \
  X(std::int32_t,              "<i4",                                  "int32")                    \
  X(std::int64_t,              "<i8",                                  "int64")                    \
  X(std::uint8_t,              "|u1",                                  "uint8")                    \
  X(std::uint16_t,             "<u2",                                  "uint16")                   \
  X(std::uint32_t,             "<u4",                                  "uint32")                   \
  X(std::uint64_t,             "<u8",                                  "uint64")                   \
  X(float,                     "<f4",                                  "float32")                  \
  X(double,                    "<f8",                                  "float64")                  \
  X(std::complex<float>,       "<c8",                                  "complex64")                \
  X(std::complex<double>,      "<c16",                                 "complex128")               \
  X(long double,               ::pybridge::detail::long_double_dtype,  "longdouble")               \
  X(std::complex<long double>, ::pybridge::detail::long_complex_dtype, "clongdouble")
// clang-format on

/// The dtype of a table row's element type (no `name` for any other type).
template <class T> struct numeric_dtype {};
#define PYBRIDGE_DTYPE_ROW(type, dtype, numpy_name)                                                \
  template <> struct numeric_dtype<type> { static constexpr std::string_view name = dtype; };
PYBRIDGE_NUMERIC_DTYPES(PYBRIDGE_DTYPE_ROW)
#undef PYBRIDGE_DTYPE_ROW

/// The table's type for a C++ number: an integer by its size and sign (char, long long, ...
/// are the fixed-width type of their size), any other type as itself.
template <class T, bool = std::is_integral_v<T> && !std::is_same_v<T, bool> && sizeof(T) <= 8>
struct element_row {
  using type = T;
};
template <class T> struct element_row<T, true> {
  using sized =
      std::conditional_t<std::is_signed_v<T>,
                         std::tuple<std::int8_t, std::int16_t, std::int32_t, std::int64_t>,
                         std::tuple<std::uint8_t, std::uint16_t, std::uint32_t, std::uint64_t>>;
  using type = std::tuple_element_t<std::bit_width(sizeof(T)) - 1, sized>;
};

/// True when T travels as one of the table's dtypes.
template <class T>
concept numeric_element = requires {
  numeric_dtype<typename element_row<T>::type>::name;
};

} // namespace pybridge::detail
