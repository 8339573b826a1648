// pybridge-discover sympy.core: symbolic algebra done by sympy
// RUN: rm -rf %t && mkdir -p %t/py
// RUN: %discover_and_build sympy.core -o %t/py/sympy-core.hpp 2> %t/coverage
// RUN: FileCheck %s < %t/coverage
// RUN: not grep "the compiler rejects it" %t/py/sympy-core.hpp
// RUN: %clangxx %pybridge_cxxflags -Werror -I%t %s -o %t/main %pybridge_ldflags
// RUN: env -u PYBRIDGE_WORKERS %t/main > %t/cpp.out
// RUN: %pybridge_python %S/gen-sympy-core.py > %t/py.out
// RUN: diff %t/py.out %t/cpp.out
// REQUIRES: python-sympy
// CHECK: coverage: sympy.core: {{[0-9]+}} of {{[0-9]+}} public symbols emitted
#include "py/sympy-core.hpp"

#include <pybridge/session.hpp>

#include <iostream>

namespace sc = py::sympy::core;

// sympy is not annotated: its parameters are pybridge::Value, which comes from Python.
template <class T> pybridge::Value value(const T &x) { return pybridge::call<pybridge::Value>("copy.copy", x); }

int main() {
  pybridge::Session session; // sympy's objects meet in calls: one worker
  pybridge::Session::Scope scope(session);
  pybridge::Value square = sc::sympify(value(std::string("(x + 1)**2")));
  std::cout << square << "\n";
  pybridge::Value expanded = sc::expand(square);
  std::cout << expanded << "\n";
  sc::Symbol x(value(std::string("x")));
  std::cout << std::string(x) << " is a symbol: " << x.is_Symbol() << ", name " << x.name() << "\n";
  std::cout << sc::diff(expanded, x.name()) << "\n";
  std::cout << sc::factor_terms(sc::sympify(value(std::string("2*x + 4*x**2")))) << "\n";
  sc::Rational half(value(1), value(2));
  std::cout << std::string(half + sc::Rational(value(1), value(3))) << "\n";
  std::cout << sc::N(sc::sympify(value(std::string("sqrt(2)"))), 20) << "\n";
  std::cout << std::string(sc::Integer(value(2)) * sc::Integer(value(21))) << "\n";
}
