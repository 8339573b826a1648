// A wrong use of the attributes is a clear clang error, never a crash.
// RUN: %clangxx %pybridge_cxxflags -fsyntax-only -Xclang -verify %s

#include <pybridge/pybridge.hpp>

[[pybridge::bind]] double no_argument(double); // expected-error {{'pybridge::bind' attribute takes one argument: the Python object to bind, e.g. [[pybridge::bind("statistics.median")]]}}

[[pybridge::bind("a", "b")]] double two_arguments(double); // expected-error {{'pybridge::bind' attribute takes one argument}}

[[pybridge::bind(42)]] double not_a_string(double); // expected-error {{argument of 'pybridge::bind' attribute must be a string literal}}

constexpr const char *kPath = "math.sqrt";
[[pybridge::bind(kPath)]] double not_a_literal(double); // expected-error {{argument of 'pybridge::bind' attribute must be a string literal}}

[[pybridge::bind(math.sqrt)]] double unquoted(double); // expected-error {{use of undeclared identifier 'math'}}

[[pybridge::bind("math..sqrt")]] double bad_path(double); // expected-error {{'math..sqrt' is not a dotted Python path such as "statistics.median"}}

[[pybridge::bind("")]] double empty_path(double); // expected-error {{'' is not a dotted Python path}}

[[pybridge::bind("math.sqrt")]] int variable = 0; // expected-error {{'pybridge::bind' attribute only applies to functions and classes}}

[[bind("math.sqrt")]] double unscoped(double); // expected-warning {{unknown attribute 'bind' ignored; did you mean 'pybridge::bind'?}}

[[pybridge::bind("math.sqrt")]] [[pybridge::bind("math.cbrt")]] double twice(double); // expected-error {{'twice' is already bound to 'math.sqrt'}}

[[pybridge::bind("math.sqrt")]] double has_body(double x) { return x; } // expected-error {{'has_body' is bound to Python and must not have a body; PyBridge writes it}}

[[pybridge::bind("math.sqrt")]] auto deduced(double x); // expected-error {{bound function 'deduced' cannot have a deduced return type}}

[[pybridge::bind("math.sqrt")]] const double &by_reference(double x); // expected-error {{bound function 'by_reference' must return by value}}

[[pybridge::bind("math.sqrt")]] double c_variadic(double x, ...); // expected-error {{bound function 'c_variadic' cannot be a C variadic function}}

template <class T>
[[pybridge::bind("math.sqrt")]] T templated(T x); // expected-error {{bound function 'templated' cannot be a template}}

[[pybridge::name(7)]] double bad_name(double); // expected-error {{argument of 'pybridge::name' attribute must be a string literal}}
