// Misuse: names that Python does not have. Each stub is an error naming the name meant.
// RUN: %clangxx %pybridge_cxxflags -fsyntax-only -ferror-limit=0 -Xclang -verify %s
// clang-format off
#include <pybridge/pybridge.hpp>

#include <string>
#include <vector>

[[pybridge::bind("statistics.medain")]] double median(std::vector<double> data); // expected-error {{'statistics' has no attribute 'medain'; did you mean 'median'?}}
[[pybridge::bind("math.mean")]] double mean(std::vector<double> data); // expected-error {{'math' has no attribute 'mean'; did you mean 'statistics.mean'?}}
[[pybridge::bind("math.squrt")]] double root(double x); // expected-error {{'math' has no attribute 'squrt'; did you mean 'sqrt'?}}
[[pybridge::bind("os.path.listdir")]] std::vector<std::string> listing(std::string path); // expected-error {{'os.path' has no attribute 'listdir'; did you mean 'os.listdir'?}} expected-note {{module 'os.path' has 'isdir'}}
[[pybridge::bind("itertools.reduce")]] long fold(pybridge::Object function, std::vector<long> values); // expected-error {{'itertools' has no attribute 'reduce'; did you mean 'functools.reduce'?}}
[[pybridge::bind("textwrap.shortne")]] std::string shorten(std::string text, int width); // expected-error {{'textwrap' has no attribute 'shortne'; did you mean 'shorten'?}}
[[pybridge::bind("statistcs.mode")]] double mode(std::vector<double> data); // expected-error {{no module named 'statistcs'; did you mean 'statistics'?}}
[[pybridge::bind("str.uper")]] std::string upper(std::string self); // expected-error {{'str' has no attribute 'uper'; did you mean 'upper'?}}
[[pybridge::bind("math.sum")]] double total(std::vector<double> values); // expected-error {{'math' has no attribute 'sum'; did you mean the builtin 'sum'?}} expected-note {{module 'math' has 'fsum'}}

struct [[pybridge::bind("fractions.Fraction")]] Fraction : pybridge::Object {
  using pybridge::Object::Object;
  Fraction(long numerator, long denominator);
  Fraction limit_denominater(long max_denominator); // expected-error {{'fractions.Fraction' has no method 'limit_denominater'; did you mean 'limit_denominator'?}}
};
