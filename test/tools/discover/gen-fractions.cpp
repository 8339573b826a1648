// pybridge-discover fractions: exact rational arithmetic done by Python
// RUN: rm -rf %t && mkdir -p %t/py
// RUN: %discover_and_build fractions -o %t/py/fractions.hpp 2> %t/coverage
// RUN: FileCheck %s < %t/coverage
// RUN: not grep "the compiler rejects it" %t/py/fractions.hpp
// RUN: %clangxx %pybridge_cxxflags -Werror -I%t %s -o %t/main %pybridge_ldflags
// RUN: env -u PYBRIDGE_WORKERS %t/main > %t/cpp.out
// RUN: %pybridge_python %S/gen-fractions.py > %t/py.out
// RUN: diff %t/py.out %t/cpp.out
// CHECK: coverage: fractions: {{[0-9]+}} of {{[0-9]+}} public symbols emitted
#include "py/fractions.hpp"

#include <pybridge/session.hpp>

#include <iostream>

namespace fr = py::fractions;

int main() {
  // Objects that meet in one call must live on one worker (there are several by default).
  pybridge::Session session;
  pybridge::Session::Scope scope(session);
  fr::Fraction three_quarters(3, 4);
  fr::Fraction sum = three_quarters + fr::Fraction(5, 6);
  std::cout << "sum " << std::string(sum) << "\n";
  std::cout << "numerator " << sum.numerator() << " denominator " << sum.denominator() << "\n";
  std::cout << "times 2 " << std::string(sum * 2) << "\n";
  fr::Fraction pi = fr::Fraction::from_float(3.141592653589793);
  std::cout << "pi " << std::string(pi.limit_denominator(1000)) << "\n";
  std::cout << "as float " << static_cast<double>(three_quarters) << "\n";
  std::cout << "less " << (three_quarters < 0.8) << "\n";
  auto [n, d] = fr::Fraction(10, 4).as_integer_ratio();
  std::cout << "ratio " << n << "/" << d << "\n";
}
