// Two sympy expressions made by separate calls combine, on one thread, through std::future
// calls and across threads, whatever the worker count. sympy-combine.py is the same program
// in Python.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %pybridge_python %S/sympy-combine.py > %t.expected
// RUN: %t | %diff %t.expected -
// RUN: env PYBRIDGE_WORKERS=1 %t | %diff %t.expected -
// RUN: env PYBRIDGE_WORKERS=2 %t | %diff %t.expected -
// RUN: env PYBRIDGE_WORKERS=4 %t | %diff %t.expected -
// REQUIRES: python-sympy
#include <pybridge/pybridge.hpp>
#include <pybridge/future.hpp>

#include <future>
#include <iostream>
#include <thread>
#include <vector>

namespace sympy {
struct [[pybridge::bind("sympy.Expr")]] Expr : pybridge::Object {
  using pybridge::Object::Object;
  Expr operator+(const Expr &other) const;
  Expr operator*(const Expr &other) const;
  Expr subs(const Expr &symbol, long value) const;
};

struct [[pybridge::bind("sympy.Symbol")]] Symbol : Expr {
  explicit Symbol(std::string name);
};

[[pybridge::bind("sympy.sympify")]] Expr sympify(std::string text);
[[pybridge::bind("sympy.sympify")]] std::future<Expr> sympify_later(std::string text);
[[pybridge::bind("sympy.expand")]] Expr expand(const Expr &e);
[[pybridge::bind("sympy.factor")]] Expr factor(const Expr &e);
[[pybridge::bind("sympy.diff")]] Expr diff(const Expr &e, const Expr &symbol);
[[pybridge::bind("sympy.solve")]] std::vector<Expr> solve(const Expr &e, const Expr &symbol);
} // namespace sympy

int main() {
  sympy::Symbol x("x"), y("y");
  sympy::Expr square = sympy::sympify("x**2 + 2*x*y");
  sympy::Expr rest = sympy::sympify("y**2");
  std::cout << "factor(x**2 + 2*x*y + y**2) = " << sympy::factor(square + rest) << "\n";
  std::cout << "d/dx = " << sympy::diff(square + rest, x) << "\n";
  std::cout << "at y = 1: " << sympy::expand((square + rest).subs(y, 1)) << "\n";

  // Made by std::future calls, combined with this thread's symbols.
  std::future<sympy::Expr> a = sympy::sympify_later("x - 3"),
                           b = sympy::sympify_later("x + 3");
  sympy::Expr product = sympy::expand(a.get() * b.get());
  std::cout << "(x - 3)(x + 3) = " << product << ", roots:";
  for (const sympy::Expr &root : sympy::solve(product, x))
    std::cout << " " << root;
  std::cout << "\n";

  // Each thread makes one term; this thread adds them up.
  std::vector<sympy::Expr> terms(4);
  std::vector<std::thread> threads;
  for (int k = 0; k < 4; ++k)
    threads.emplace_back([k, &terms] {
      terms[k] = sympy::sympify(std::to_string(k + 1) + "*x**" + std::to_string(k));
    });
  for (auto &thread : threads)
    thread.join();
  sympy::Expr polynomial = terms[0];
  for (int k = 1; k < 4; ++k)
    polynomial = polynomial + terms[k];
  std::cout << "polynomial = " << polynomial << "\n";
  std::cout << "derivative = " << sympy::diff(polynomial, x) << "\n";
  std::cout << "times y = " << sympy::expand(polynomial * y) << "\n";
}
