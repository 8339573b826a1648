// sympy: keyword arguments of constructors and functions by C++ name and [[pybridge::name]].
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/binding-sympy.py > %t.expected
// RUN: diff %t.expected %t.out
// REQUIRES: python-sympy
#include <pybridge/pybridge.hpp>

#include <iostream>
#include <string>

namespace sym {
struct [[pybridge::bind("sympy.Symbol")]] Symbol : pybridge::Object {
  using pybridge::Object::Object;
  Symbol(std::string name, bool positive);
};
[[pybridge::bind("sympy.sympify")]] pybridge::Object parse(std::string a);
[[pybridge::bind("sympy.sqrt")]] pybridge::Object sqrt(pybridge::Object arg, bool evaluate);
[[pybridge::bind("sympy.expand")]] pybridge::Object expand(pybridge::Object e,
                                                           [[pybridge::name("mul")]] bool multiply,
                                                           bool power_exp);
[[pybridge::bind("sympy.Rational")]] pybridge::Object rational(long p, long q);
[[pybridge::bind("sympy.nsimplify")]] pybridge::Object nsimplify(pybridge::Object expr,
                                                                 double tolerance);
[[pybridge::bind("str")]] std::string text(pybridge::Object value);
} // namespace sym

int main() {
  sym::Symbol x("x", true);
  std::cout << sym::text(sym::sqrt(sym::parse("x**2"), true)) << "\n";
  std::cout << sym::text(sym::sqrt(sym::parse("4"), false)) << "\n";
  std::cout << sym::text(sym::expand(sym::parse("(x + 1)*(x - 2)"), true, false)) << "\n";
  std::cout << sym::text(sym::rational(6, 8)) << "\n";
  std::cout << sym::text(sym::nsimplify(sym::parse("0.3333333"), 0.001)) << "\n";
}
