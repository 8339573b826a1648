// Exact arithmetic with fractions.Fraction: operators, comparisons (a Fraction is a
// numbers.Real, so __lt__ takes one), properties, and the Fraction passed where Python wants a
// number: math.floor/ceil (SupportsFloat), statistics.mean over a list of Fractions.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-fraction-tower.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>
#include <pybridge/session.hpp>

#include <iostream>
#include <vector>

namespace py {
struct [[pybridge::bind("fractions.Fraction")]] Fraction : pybridge::Object {
  using pybridge::Object::Object;
  Fraction(long numerator, long denominator);
  explicit Fraction(std::string numerator);
  Fraction operator+(const Fraction &b) const;
  Fraction operator-(const Fraction &b) const;
  Fraction operator*(const Fraction &b) const;
  Fraction operator/(const Fraction &b) const;
  bool operator<(const Fraction &b) const;
  bool operator==(const Fraction &b) const;
  long numerator() const;
  long denominator() const;
  Fraction limit_denominator(long max_denominator) const;
  explicit operator double() const;
  static Fraction from_float(double f);
};

[[pybridge::bind("math.floor")]] long floor(const Fraction &x);
[[pybridge::bind("math.ceil")]] long ceil(const Fraction &x);
[[pybridge::bind("statistics.mean")]] Fraction mean(const std::vector<Fraction> &data);
[[pybridge::bind("builtins.abs")]] Fraction abs(const Fraction &x);
} // namespace py

int main() {
  pybridge::Session session;
  pybridge::Session::Scope scope(session);
  py::Fraction third(1, 3), sixth(1, 6), big("22/7");
  py::Fraction half = third + sixth;
  std::cout << "1/3 + 1/6 = " << half << " (" << half.numerator() << "/" << half.denominator()
            << ")\n";
  std::cout << "1/3 - 1/6 = " << third - sixth << "\n";
  std::cout << "22/7 * 1/3 = " << big * third << ", 22/7 / 1/6 = " << big / sixth << "\n";
  std::cout << "1/6 < 1/3: " << (sixth < third) << ", 1/3 < 1/6: " << (third < sixth) << "\n";
  std::cout << "half == 3/6: " << (half == py::Fraction(3, 6)) << "\n";
  std::cout << "floor(22/7) = " << py::floor(big) << ", ceil(22/7) = " << py::ceil(big) << "\n";
  std::cout << "22/7 as double = " << static_cast<double>(big) << "\n";
  py::Fraction pi = py::Fraction::from_float(3.141592653589793);
  std::cout << "pi limited to 1000 = " << pi.limit_denominator(1000) << "\n";
  std::cout << "mean = " << py::mean({third, sixth, big}) << "\n";
  std::cout << "abs(1/6 - 1/3) = " << py::abs(sixth - third) << "\n";
}
