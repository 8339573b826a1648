// A bound class returned from Python must inherit Object's constructors; without them the
// compiler says what to add, and where the class is used.
// RUN: not %clangxx %pybridge_cxxflags -fsyntax-only %s 2>&1 | FileCheck %s
#include <pybridge/pybridge.hpp>

struct [[pybridge::bind("fractions.Fraction")]] Fraction : pybridge::Object {
  Fraction(long numerator, long denominator);
  Fraction limit_denominator(long max_denominator) const;
};

int main() { Fraction(1, 3).limit_denominator(10); }

// CHECK: error: static assertion failed due to requirement 'std::is_constructible_v<Fraction, pybridge::detail::Adopt>': pybridge: this stub class is returned from Python (or read from a value), so it must adopt the Python object: add `using pybridge::Object::Object;` inside the class
// CHECK: note: in instantiation of member function 'pybridge::Converter<Fraction>::from_python' requested here
// CHECK-NOT: error:
