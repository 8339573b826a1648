// Misuse: positional-only parameters named. Python cannot be told by name, so a stub whose
// names reorder them, or that names one with [[pybridge::name]], is an error.
// RUN: %clangxx %pybridge_cxxflags -fsyntax-only -ferror-limit=0 -Xclang -verify %s
// clang-format off
#include <pybridge/pybridge.hpp>

#include <vector>

[[pybridge::bind("math.comb")]] long comb(long k, long n); // expected-error {{C++ parameter 'k' is in the place of Python parameter 'n' of 'math.comb' but is named after its positional-only parameter 'k'}} expected-error {{C++ parameter 'n' is in the place of Python parameter 'k' of 'math.comb'}} expected-note 2 {{declared here}}
[[pybridge::bind("math.atan2")]] double angle(double x, double y); // expected-error {{C++ parameter 'x' is in the place of Python parameter 'y' of 'math.atan2'}} expected-error {{C++ parameter 'y' is in the place of Python parameter 'x' of 'math.atan2'}} expected-note 2 {{declared here}}
[[pybridge::bind("math.comb")]] long comb_named([[pybridge::name("k")]] long k, [[pybridge::name("n")]] long n); // expected-error {{Python parameter 'k' of 'math.comb' is positional-only; it cannot be passed by name}} expected-error {{Python parameter 'n' of 'math.comb' is positional-only; it cannot be passed by name}} expected-note 2 {{declared here}}
[[pybridge::bind("math.sqrt")]] double root([[pybridge::name("x")]] double x); // expected-error {{Python parameter 'x' of 'math.sqrt' is positional-only; it cannot be passed by name}} expected-note {{declared here}}
[[pybridge::bind("operator.sub")]] double minus(double b, double a); // expected-error {{C++ parameter 'b' is in the place of Python parameter 'a' of 'operator.sub'}} expected-error {{C++ parameter 'a' is in the place of Python parameter 'b' of 'operator.sub'}} expected-note 2 {{declared here}}
[[pybridge::bind("math.copysign")]] double copy_sign(double y, double x); // expected-error {{C++ parameter 'y' is in the place of Python parameter 'x' of 'math.copysign'}} expected-error {{C++ parameter 'x' is in the place of Python parameter 'y' of 'math.copysign'}} expected-note 2 {{declared here}}
