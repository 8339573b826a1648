// pybridge-discover itertools: Python's iterator building blocks, streamed
// RUN: rm -rf %t && mkdir -p %t/py
// RUN: %discover_and_build itertools -o %t/py/itertools.hpp 2> %t/coverage
// RUN: FileCheck %s < %t/coverage
// RUN: not grep "the compiler rejects it" %t/py/itertools.hpp
// RUN: %clangxx %pybridge_cxxflags -Werror -I%t %s -o %t/main %pybridge_ldflags
// RUN: env -u PYBRIDGE_WORKERS %t/main > %t/cpp.out
// RUN: %pybridge_python %S/gen-itertools.py > %t/py.out
// RUN: diff %t/py.out %t/cpp.out
// CHECK: coverage: itertools: {{[0-9]+}} of {{[0-9]+}} public symbols emitted
#include "py/itertools.hpp"

#include <iostream>

namespace it = py::itertools;

// Generic parameters are pybridge::Value, which comes from Python.
template <class T> std::vector<pybridge::Value> values(std::initializer_list<T> items) {
  std::vector<pybridge::Value> out;
  for (const T &item : items)
    out.push_back(pybridge::call<pybridge::Value>("copy.copy", item));
  return out;
}

int main() {
  std::vector<pybridge::Value> letters = values<std::string>({"A", "B", "C", "D"});
  for (const pybridge::Value &pair : it::combinations(letters, 2).iter())
    std::cout << pair << " ";
  std::cout << "\n";
  for (const pybridge::Value &total : it::accumulate(values<long>({3, 1, 4, 1, 5})).iter())
    std::cout << total << " ";
  std::cout << "\n";
  for (const pybridge::Value &pair : it::pairwise(letters).iter())
    std::cout << pair << " ";
  std::cout << "\n";
  for (const pybridge::Value &cell : it::product(values<long>({0, 1}), values<std::string>({"x", "y"})).iter())
    std::cout << cell << " ";
  std::cout << "\n";
  long n = 0;
  for (const pybridge::Value &step : it::count(10, 2.5).iter()) {
    std::cout << step << " ";
    if (++n == 4)
      break; // leaving the loop stops the infinite iterator on the worker
  }
  std::cout << "\n";
}
