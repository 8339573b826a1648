// clang-format off
// [[pybridge::bind]] on a destructor is a clear error (it used to compile and fail at link
// time); a bound class's own destructor stays C++'s.
// RUN: %clangxx %pybridge_cxxflags -fsyntax-only -Xclang -verify %s
#include <pybridge/pybridge.hpp>

struct [[pybridge::bind("fractions.Fraction")]] Fraction : pybridge::Object {
  Fraction(long numerator, long denominator);
  [[pybridge::bind("fractions.Fraction.__del__")]] ~Fraction(); // expected-error {{'pybridge::bind' cannot bind a destructor; the Python object is released when the last pybridge::Object handle to it is destroyed}}
};

struct Plain {
  [[pybridge::bind("math.sqrt")]] ~Plain(); // expected-error {{'pybridge::bind' cannot bind a destructor}}
};

struct [[pybridge::bind("fractions.Fraction")]] Kept : pybridge::Object {
  Kept(long numerator, long denominator);
  ~Kept() = default;
};
