// Symbolic linear algebra with sympy.Matrix: built from nested std::vectors, its properties
// (shape, T) and methods (det, inv, eigenvals), matrix operators, and the matrix where Python
// takes something to iterate (builtins.iter accepts it by __getitem__: a Matrix has no
// __iter__).
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-sympy-matrix.py > %t.expected
// RUN: diff %t.expected %t.out
// REQUIRES: python-sympy
#include <pybridge/pybridge.hpp>
#include <pybridge/session.hpp>
#include <pybridge/stream.hpp>

#include <iostream>
#include <utility>
#include <vector>

namespace sympy {
struct [[pybridge::bind("sympy.Expr")]] Expr : pybridge::Object {
  using pybridge::Object::Object;
};
struct [[pybridge::bind("sympy.Symbol")]] Symbol : Expr {
  using Expr::Expr;
  explicit Symbol(std::string name);
};

struct [[pybridge::bind("sympy.Matrix")]] Matrix : pybridge::Object {
  using pybridge::Object::Object;
  explicit Matrix(const std::vector<std::vector<long>> &rows);
  std::pair<long, long> shape();
  Matrix T();
  Expr det();
  Matrix inv();
  Matrix operator*(const Matrix &other);
  Matrix operator+(const Matrix &other);
  Expr trace();
};

[[pybridge::bind("builtins.iter")]] pybridge::Stream<Expr> entries(const Matrix &object);
[[pybridge::bind("sympy.latex")]] std::string latex(const Matrix &expr);
} // namespace sympy

int main() {
  pybridge::Session session;
  pybridge::Session::Scope scope(session);
  sympy::Matrix a({{2, 1}, {1, 3}});
  sympy::Matrix b({{0, 1}, {1, 0}});
  auto [rows, cols] = a.shape();
  std::cout << "shape " << rows << "x" << cols << ", det " << a.det() << ", trace " << a.trace()
            << "\n";
  std::cout << "a^T = " << a.T() << "\n";
  std::cout << "inverse = " << a.inv() << "\n";
  std::cout << "a*b = " << a * b << ", a+b = " << a + b << "\n";
  std::cout << "entries:";
  for (const sympy::Expr &x : sympy::entries(a * b))
    std::cout << " " << x;
  std::cout << "\nlatex " << sympy::latex(a) << "\n";
}
