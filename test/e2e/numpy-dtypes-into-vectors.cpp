// Every numeric numpy dtype into std::vector of every numeric element type: the elements
// arrive where each is exactly a value of the element type (integers in range, floats that
// do not round, complex numbers into complex elements only), else the conversion is refused.
// numpy-dtypes-into-vectors.py is the same program in Python.
// REQUIRES: python-numpy
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %pybridge_python %S/numpy-dtypes-into-vectors.py > %t.expected
// RUN: %t | %diff %t.expected -
#include <pybridge/pybridge.hpp>

#include <complex>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <string>
#include <type_traits>
#include <vector>

namespace {

template <class T> std::string show(T value) {
  char text[64];
  if constexpr (std::is_same_v<T, bool>)
    return value ? "True" : "False";
  else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>)
    return std::to_string(static_cast<long long>(value));
  else if constexpr (std::is_integral_v<T>)
    return std::to_string(static_cast<unsigned long long>(value));
  else if constexpr (std::is_floating_point_v<T>)
    std::snprintf(text, sizeof text, "%Lg", static_cast<long double>(value));
  else
    std::snprintf(text, sizeof text, "(%Lg,%Lg)", static_cast<long double>(value.real()),
                  static_cast<long double>(value.imag()));
  return text;
}

/// numpy.array(values, dtype=dtype) into a std::vector<T>.
template <class T, class Source>
void convert(const std::string &dtype, const std::vector<Source> &values, const char *type) {
  std::cout << dtype << " -> " << type << ":";
  try {
    for (T value :
         pybridge::call<std::vector<T>>("numpy.array", values, pybridge::kw("dtype", dtype)))
      std::cout << " " << show(value);
  } catch (const pybridge::ConversionError &) {
    std::cout << " refused";
  }
  std::cout << "\n";
}

template <class Source> void into_every_type(const std::string &dtype, const std::vector<Source> &values) {
  convert<std::int8_t>(dtype, values, "int8_t");
  convert<std::uint8_t>(dtype, values, "uint8_t");
  convert<std::int16_t>(dtype, values, "int16_t");
  convert<std::uint16_t>(dtype, values, "uint16_t");
  convert<std::int32_t>(dtype, values, "int32_t");
  convert<std::uint32_t>(dtype, values, "uint32_t");
  convert<std::int64_t>(dtype, values, "int64_t");
  convert<std::uint64_t>(dtype, values, "uint64_t");
  convert<float>(dtype, values, "float");
  convert<double>(dtype, values, "double");
  convert<long double>(dtype, values, "long double");
  convert<std::complex<float>>(dtype, values, "complex<float>");
  convert<std::complex<double>>(dtype, values, "complex<double>");
  convert<std::complex<long double>>(dtype, values, "complex<long double>");
  convert<bool>(dtype, values, "bool");
}

} // namespace

int main() {
  for (const char *dtype : {"int8", "int16", "int32", "int64"})
    into_every_type<double>(dtype, {1, -2, 100});
  for (const char *dtype : {"uint8", "uint16", "uint32", "uint64"})
    into_every_type<double>(dtype, {1, 2, 200});
  for (const char *dtype : {"float16", "float32", "float64", "longdouble"})
    into_every_type<double>(dtype, {0.5, -2, 100});
  for (const char *dtype : {"complex64", "complex128", "clongdouble"})
    into_every_type<std::complex<double>>(dtype, {{1, 0.5}, {-2, 0}, {100, 0}});
  into_every_type<bool>("bool", {true, false, true});
  // Values that round: 0.1 is no float; the long double nearest 0.1 is no double; 2**40 is
  // no int32; 2**53 + 1 is no double; 65504 is float16's largest.
  into_every_type<double>("float64", {0.1});
  into_every_type<std::string>("longdouble", {"0.1"});
  into_every_type<long>("int64", {1L << 40, (1L << 53) + 1});
  into_every_type<double>("float16", {65504, -0.000061035156});
}
