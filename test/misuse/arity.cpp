// Misuse: more or fewer parameters than Python takes.
// RUN: %clangxx %pybridge_cxxflags -fsyntax-only -ferror-limit=0 -Xclang -verify %s
// clang-format off
#include <pybridge/pybridge.hpp>

#include <string>
#include <vector>

[[pybridge::bind("math.sqrt")]] double root(double x, double y); // expected-error {{'math.sqrt' takes 1 argument, but the stub has 2 parameters}} expected-note {{declared here}}
[[pybridge::bind("math.pow")]] double power(double x); // expected-error {{stub of 'math.pow' lacks required Python parameter 'y'}} expected-note {{declared here}}
[[pybridge::bind("statistics.median")]] double median(); // expected-error {{stub of 'statistics.median' lacks required Python parameter 'data'}} expected-note {{declared here}}
[[pybridge::bind("textwrap.dedent")]] std::string dedent(std::string text, int margin); // expected-error {{'textwrap.dedent' takes 1 argument, but the stub has 2 parameters}} expected-note {{declared here}}
[[pybridge::bind("math.comb")]] long comb(long n); // expected-error {{stub of 'math.comb' lacks required Python parameter 'k'}} expected-note {{declared here}}
[[pybridge::bind("operator.add")]] long add(long a); // expected-error {{stub of 'operator.add' lacks required Python parameter 'b'}} expected-note {{declared here}}
