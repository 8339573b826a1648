// Positional-only parameters by position, whatever the C++ names; keywords after them (math).
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/binding-positional-only-math.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>

#include <cstdio>

namespace pymath {
[[pybridge::bind("math.comb")]] long comb(long total, long chosen);
[[pybridge::bind("math.perm")]] long perm(long n, long k);
[[pybridge::bind("math.atan2")]] double atan2(double y, double x);
[[pybridge::bind("math.copysign")]] double copy_sign(double magnitude, double sign);
[[pybridge::bind("math.isclose")]] bool isclose(double a, double b, double rel_tol);
[[pybridge::bind("math.isclose")]] bool isclose_abs(double a, double b,
                                                    [[pybridge::name("abs_tol")]] double tolerance);
[[pybridge::bind("math.log")]] double log(double x, double base);
[[pybridge::bind("math.gcd")]] long gcd(long a, long b, long c);
} // namespace pymath

int main() {
  std::printf("%ld %ld\n", pymath::comb(10, 3), pymath::perm(5, 2));
  std::printf("%.6f\n", pymath::atan2(1.0, -1.0));
  std::printf("%g\n", pymath::copy_sign(3.0, -0.0));
  std::printf("%d %d\n", pymath::isclose(1.0, 1.001, 0.01), pymath::isclose(1.0, 1.001, 1e-9));
  std::printf("%d\n", pymath::isclose_abs(0.0, 1e-12, 1e-9));
  std::printf("%g\n", pymath::log(1024.0, 2.0));
  std::printf("%ld\n", pymath::gcd(84, 126, 210));
}
