// C++ conversion operators of a bound class call Python's conversions: operator bool ->
// __bool__, integral -> __int__ (or __index__), floating -> __float__, std::complex ->
// __complex__, std::string -> __str__.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t | FileCheck %s
// RUN: env PYBRIDGE_WORKERS=4 %t | FileCheck %s
#include <pybridge/pybridge.hpp>

#include <complex>
#include <iostream>
#include <string>

struct [[pybridge::bind("fractions.Fraction")]] Fraction : pybridge::Object {
  Fraction(long numerator, long denominator);
  explicit operator bool();
  explicit operator long();
  explicit operator double();
  explicit operator std::complex<double>();
  explicit operator std::string();
};

int main() {
  Fraction f(7, 2);
  // CHECK: bool 1 0
  std::cout << "bool " << static_cast<bool>(f) << " " << static_cast<bool>(Fraction(0, 1)) << "\n";
  // CHECK-NEXT: int 3
  std::cout << "int " << static_cast<long>(f) << "\n";
  // CHECK-NEXT: float 3.5
  std::cout << "float " << static_cast<double>(f) << "\n";
  // CHECK-NEXT: complex (3.5,0)
  std::cout << "complex " << static_cast<std::complex<double>>(f) << "\n";
  // CHECK-NEXT: str 7/2
  std::cout << "str " << static_cast<std::string>(f) << "\n";
}
