// Misuse: a declaration of another kind than the Python object it binds.
// RUN: %clangxx %pybridge_cxxflags -fsyntax-only -ferror-limit=0 -Xclang -verify %s
// clang-format off
#include <pybridge/pybridge.hpp>

#include <string>

[[pybridge::bind("os.path")]] std::string path(std::string p); // expected-error {{'os.path' is a module, not a function}}
struct [[pybridge::bind("math.sqrt")]] Root : pybridge::Object { // expected-error {{'math.sqrt' is a function, not a class; bind it to a function declaration}}
  using pybridge::Object::Object;
};
[[pybridge::bind("math.pi")]] double pi(double scale); // expected-error {{'math.pi' is a constant, not a function; a bound function without parameters reads it}}

struct [[pybridge::bind("fractions.Fraction")]] Fraction : pybridge::Object {
  using pybridge::Object::Object;
  Fraction(long numerator, long denominator);
  static Fraction limit_denominator(long max_denominator); // expected-error {{'fractions.Fraction.limit_denominator' is an instance method in Python; declare 'limit_denominator' without 'static'}}
  void set_numerator(long value); // expected-error {{Python property 'fractions.Fraction.numerator' is read-only; 'set_numerator' cannot set it}}
};
