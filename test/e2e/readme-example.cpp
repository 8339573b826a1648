// The README's example, compiled and run as written there (plus uses of the Fraction stub).
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t 2>&1 | FileCheck %s
// RUN: env PYBRIDGE_WORKERS=4 %t 2>&1 | FileCheck %s
#include <pybridge/pybridge.hpp>

#include <iostream>

[[pybridge::bind("statistics.median")]] double median(std::vector<double> data);

struct [[pybridge::bind("fractions.Fraction")]] Fraction : pybridge::Object {
  using pybridge::Object::Object;  // Python returns Fractions too: adopt them
  Fraction(long numerator, long denominator);
  Fraction limit_denominator(long max_denominator);
};

int main() {
  std::cout << median({3, 1, 2}) << "\n";                  // 2, computed by Python
  try { median({}); }
  catch (const pybridge::PythonError &e) { std::cerr << e.what() << "\n"; }
  // StatisticsError: no median for empty data

  // C++ lambdas are Python callables: Python's sorted() calls back into this thread.
  auto by_length = [](const std::string &w) { return long(w.size()); };
  for (const auto &w : pybridge::call<std::vector<std::string>>(
           "builtins.sorted", std::vector<std::string>{"pear", "fig", "banana"},
           pybridge::kw("key", by_length)))
    std::cout << w << " ";                                 // fig pear banana
  std::cout << "\n";

  Fraction pi(314159, 100000);
  std::cout << pi << " ~ " << pi.limit_denominator(100) << "\n";
}
// CHECK: 2
// CHECK-NEXT: StatisticsError: no median for empty data
// CHECK-NEXT: fig pear banana
// CHECK-NEXT: 314159/100000 ~ 311/99
