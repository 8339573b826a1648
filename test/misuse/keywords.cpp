// Misuse: keywords Python does not have, keyword-only parameters passed by position, and
// arguments after a keyword.
// RUN: %clangxx %pybridge_cxxflags -fsyntax-only -ferror-limit=0 -Xclang -verify %s
// clang-format off
#include <pybridge/pybridge.hpp>

#include <optional>
#include <string>
#include <vector>

[[pybridge::bind("textwrap.shorten")]] std::string shorten(std::string text, int width, std::string placehodler); // expected-error {{'textwrap.shorten' has no parameter named 'placehodler'; did you mean 'placeholder'?}} expected-note {{declared here}}
[[pybridge::bind("textwrap.fill")]] std::string fill(std::string text, [[pybridge::name("widht")]] int w); // expected-error {{'textwrap.fill' has no parameter named 'widht'; did you mean 'width'?}} expected-note {{declared here}}
[[pybridge::bind("sorted")]] std::vector<long> sorted_desc(std::vector<long> iterable, bool reversed); // expected-error {{'sorted' has no parameter named 'reversed'; did you mean 'reverse'?}} expected-note {{none of the 2 overloads of 'sorted' matches the stub}} expected-note {{candidate 'sorted(}}
[[pybridge::bind("statistics.quantiles")]] std::vector<double> quartiles(std::vector<double> data, long m); // expected-error {{Python parameter 'n' of 'statistics.quantiles' is keyword-only; name the C++ parameter 'n' or add [[pybridge::name("n")]]}} expected-note {{declared here}}
[[pybridge::bind("statistics.quantiles")]] std::vector<double> quantiles_method(std::vector<double> data, std::string how); // expected-error {{Python parameter 'method' of 'statistics.quantiles' is keyword-only}} expected-note {{declared here}}
[[pybridge::bind("random.triangular")]] double triangular([[pybridge::name("mode")]] double m, double lo, double hi); // expected-error {{'random.triangular' has no parameter named 'lo'; C++ parameter 'lo' follows 'mode', which goes by keyword, so it goes by keyword too}} expected-error {{'random.triangular' has no parameter named 'hi'; C++ parameter 'hi' follows 'mode'}} expected-note 2 {{declared here}}
[[pybridge::bind("textwrap.shorten")]] std::string shorten_twice(std::string s, std::string text, int width); // expected-error {{Python parameter 'text' of 'textwrap.shorten' is given twice}} expected-note {{declared here}}
[[pybridge::bind("math.isclose")]] bool close(double a, double b, [[pybridge::name("rel_tol")]] double r, [[pybridge::name("rel_tol")]] double again); // expected-error {{Python parameter 'rel_tol' of 'math.isclose' is given twice}} expected-note {{declared here}}
[[pybridge::bind("math.isclose")]] bool close_optional(double a, double b, std::optional<double> rel_tol, [[pybridge::name("abs_tl")]] double abs_tol); // expected-error {{'math.isclose' has no parameter named 'abs_tl'; did you mean 'abs_tol'?}} expected-note {{declared here}}
