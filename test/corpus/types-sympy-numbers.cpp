// sympy's exact numbers where the standard library takes numbers: a sympy Integer is a
// numbers.Integral (registered) and has __index__ (math.factorial, math.comb take
// SupportsIndex), a sympy Rational is a numbers.Rational (fractions.Fraction takes one), and
// sympy results converted to C++ through int() and float().
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-sympy-numbers.py > %t.expected
// RUN: diff %t.expected %t.out
// REQUIRES: python-sympy
#include <pybridge/pybridge.hpp>
#include <pybridge/session.hpp>

#include <iostream>
#include <map>
#include <string>

namespace sympy {
struct [[pybridge::bind("sympy.Rational")]] Rational : pybridge::Object {
  using pybridge::Object::Object;
  Rational(long p, long q);
  Rational operator+(const Rational &other) const;
  Rational operator*(const Rational &other) const;
  long p() const; // numerator, a property
  long q() const;
  explicit operator double() const;
};

struct [[pybridge::bind("sympy.Integer")]] Integer : Rational {
  using Rational::Rational;
  explicit Integer(long i);
  Integer operator*(const Integer &other) const;
  explicit operator long() const;
};

[[pybridge::bind("sympy.factorint")]] std::map<long, long> factorint(const Integer &n);
[[pybridge::bind("sympy.isprime")]] bool isprime(const Integer &n);
[[pybridge::bind("sympy.nextprime")]] Integer nextprime(const Integer &n);
} // namespace sympy

namespace py {
[[pybridge::bind("math.factorial")]] long factorial(const sympy::Integer &x);
[[pybridge::bind("math.comb")]] long comb(const sympy::Integer &n, const sympy::Integer &k);
struct [[pybridge::bind("fractions.Fraction")]] Fraction : pybridge::Object {
  using pybridge::Object::Object;
  Fraction(const sympy::Integer &numerator, long denominator);
  explicit Fraction(const sympy::Rational &numerator);
};
} // namespace py

int main() {
  pybridge::Session session;
  pybridge::Session::Scope scope(session);
  sympy::Integer six(6), twelve(12);
  sympy::Integer product = six * twelve;
  std::cout << "6 * 12 = " << product << " as long " << static_cast<long>(product) << "\n";
  std::cout << "6! = " << py::factorial(six) << ", C(12, 6) = " << py::comb(twelve, six) << "\n";
  sympy::Rational third(1, 3), quarter(1, 4);
  sympy::Rational sum = third + quarter;
  std::cout << "1/3 + 1/4 = " << sum << " = " << sum.p() << "/" << sum.q() << " ~ "
            << static_cast<double>(sum) << "\n";
  std::cout << "Fraction(6, 8) = " << py::Fraction(six, 8) << ", Fraction(7/12) = "
            << py::Fraction(sum) << "\n";
  std::cout << "factors of 72:";
  for (const auto &[prime, power] : sympy::factorint(product))
    std::cout << " " << prime << "^" << power;
  std::cout << "\n72 prime " << sympy::isprime(product) << ", next prime "
            << sympy::nextprime(product) << "\n";
}
