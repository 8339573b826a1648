// sympy expressions stay on the worker as objects: Symbol as a bound class, operators bound
// to dunder methods, expand/simplify/diff/solve as free functions, str() through operator<<.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t | FileCheck %s
// RUN: env PYBRIDGE_WORKERS=4 %t | FileCheck %s
// REQUIRES: python-sympy
#include <pybridge/pybridge.hpp>

#include <iostream>
#include <vector>

namespace sympy {
/// Any sympy expression: arithmetic maps to Python's operators.
struct [[pybridge::bind("sympy.Expr")]] Expr : pybridge::Object {
  using pybridge::Object::Object;
  Expr operator+(const Expr &other) const;
  Expr operator*(const Expr &other) const;
  Expr operator-() const;
  [[pybridge::name("__pow__")]] Expr pow(long exponent) const;
  Expr subs(const Expr &symbol, long value) const;
};

struct [[pybridge::bind("sympy.Symbol")]] Symbol : Expr {
  explicit Symbol(std::string name);
};

[[pybridge::bind("sympy.sympify")]] Expr sympify(std::string text);
[[pybridge::bind("sympy.Integer")]] Expr integer(long value);
[[pybridge::bind("sympy.expand")]] Expr expand(const Expr &e);
[[pybridge::bind("sympy.factor")]] Expr factor(const Expr &e);
[[pybridge::bind("sympy.simplify")]] Expr simplify(const Expr &e);
[[pybridge::bind("sympy.diff")]] Expr diff(const Expr &e, const Expr &symbol);
[[pybridge::bind("sympy.solve")]] std::vector<Expr> solve(const Expr &e, const Expr &symbol);
[[pybridge::bind("sympy.latex")]] std::string latex(const Expr &e);
[[pybridge::bind("sympy.sin")]] Expr sin(const Expr &e);
[[pybridge::bind("sympy.cos")]] Expr cos(const Expr &e);
} // namespace sympy

int main() {
  sympy::Symbol x("x"), y("y");
  sympy::Expr e = (x + sympy::integer(1)).pow(2);
  // CHECK: e = (x + 1)**2 type sympy.core.power.Pow
  std::cout << "e = " << e << " type " << e.type_name() << "\n";
  // CHECK-NEXT: expand: x**2 + 2*x + 1
  std::cout << "expand: " << sympy::expand(e) << "\n";
  // CHECK-NEXT: factor: (x + 1)**2
  std::cout << "factor: " << sympy::factor(sympy::expand(e)) << "\n";
  // CHECK-NEXT: simplify: 1
  std::cout << "simplify: "
            << sympy::simplify(sympy::sin(x).pow(2) + sympy::cos(x).pow(2)) << "\n";
  // CHECK-NEXT: diff: 2*x + 2
  std::cout << "diff: " << sympy::expand(sympy::diff(e, x)) << "\n";
  // CHECK-NEXT: solve: -2 2
  std::cout << "solve:";
  for (const auto &root : sympy::solve(x.pow(2) + sympy::integer(-4), x)) std::cout << " " << root;
  std::cout << "\n";
  // CHECK-NEXT: subs: 9 as long 9
  sympy::Expr nine = e.subs(x, 2);
  std::cout << "subs: " << nine << " as long " << pybridge::call<long>("builtins.int", nine)
            << "\n";
  // CHECK-NEXT: latex: \left(x + 1\right)^{2}
  std::cout << "latex: " << sympy::latex(e) << "\n";
  // CHECK-NEXT: sympify: x*y + 3 repr x*y + 3
  sympy::Expr parsed = sympy::sympify("3 + x*y");
  std::cout << "sympify: " << parsed << " repr " << parsed.repr() << "\n";
  // CHECK-NEXT: negate: -x - y
  std::cout << "negate: " << -(x + y) << "\n";
  // CHECK-NEXT: dynamic: 2*x
  std::cout << "dynamic: " << x.call("__mul__", 2) << "\n";
  // CHECK-NEXT: evalf: 3.14159265358979
  std::cout << "evalf: " << pybridge::attr("sympy.pi").call("evalf", 15) << "\n";
  try {
    x.call("free_symbols_sorted"); // no such method: the dynamic API finds out at run time
  } catch (const pybridge::AttributeError &error) {
    // CHECK-NEXT: AttributeError: 'Symbol' object has no attribute 'free_symbols_sorted'
    std::cout << error.what() << "\n";
  }
}
