// Redeclared stubs, a static member bound on its own inside a bound class, an explicit
// specialization of a class template's member, and a [[noreturn]] stub whose Python function
// returns: each runs as declared.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t | FileCheck %s
#include <pybridge/pybridge.hpp>

#include <iostream>

[[pybridge::bind("math.sqrt")]] double root(double x);
double root(double x); // bound with its first declaration
double late(double x);
[[pybridge::bind("math.sqrt")]] double late(double x);

struct [[pybridge::bind("fractions.Fraction")]] Fraction : pybridge::Object {
  using pybridge::Object::Object;
  Fraction(long numerator, long denominator);
  long numerator();
  [[pybridge::bind("math.gcd")]] static long gcd(long a, long b);
};

template <class T> struct Maths {
  static double cube_root(double x);
};
template <> [[pybridge::bind("math.cbrt")]] double Maths<double>::cube_root(double x);

// print returns None: the stub must not fall off its end.
[[pybridge::bind("builtins.print"), noreturn]] void stop(std::string text);

int main() {
  // CHECK: root 3 late 4
  std::cout << "root " << root(9) << " late " << late(16) << "\n";
  // CHECK-NEXT: numerator 2 gcd 6
  std::cout << "numerator " << Fraction(4, 6).numerator() << " gcd " << Fraction::gcd(12, 18)
            << "\n";
  // CHECK-NEXT: cube_root 3
  std::cout << "cube_root " << Maths<double>::cube_root(27) << "\n";
  try {
    stop("stopping");
  } catch (const pybridge::BridgeError &e) {
    // CHECK-NEXT: stop: 'stop' is declared {{\[\[}}noreturn{{\]\]}}, but the Python function it calls returned
    std::cout << "stop: " << e.what() << "\n";
  }
}
