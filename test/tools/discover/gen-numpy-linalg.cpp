// pybridge-discover numpy.linalg: linear algebra by numpy on arrays sent whole
// RUN: rm -rf %t && mkdir -p %t/py
// RUN: %discover_and_build numpy.linalg -o %t/py/numpy-linalg.hpp 2> %t/coverage
// RUN: FileCheck %s < %t/coverage
// RUN: not grep "the compiler rejects it" %t/py/numpy-linalg.hpp
// RUN: %clangxx %pybridge_cxxflags -Werror -I%t %s -o %t/main %pybridge_ldflags
// RUN: env -u PYBRIDGE_WORKERS %t/main > %t/cpp.out
// RUN: %pybridge_python %S/gen-numpy-linalg.py > %t/py.out
// RUN: diff %t/py.out %t/cpp.out
// REQUIRES: python-numpy
// CHECK: coverage: numpy.linalg: {{[0-9]+}} of {{[0-9]+}} public symbols emitted
#include "py/numpy-linalg.hpp"

#include <pybridge/ndarray.hpp>

#include <cstdio>

namespace la = py::numpy::linalg;

pybridge::NDArray matrix(std::vector<double> values, long rows, long cols) {
  return pybridge::NDArray::from(std::span<const double>(values), {rows, cols});
}

void print(const char *name, const pybridge::NDArray &array) {
  std::printf("%s:", name);
  for (double x : array.values<double>())
    std::printf(" %.6f", x);
  std::printf("\n");
}

int main() {
  pybridge::NDArray a = matrix({4, 1, 2, 3}, 2, 2);
  std::printf("det %.6f\n", la::det(a).as<double>());
  print("inv", la::inv(a));
  print("solve", la::solve(a, pybridge::NDArray::from(std::vector<double>{1, 2})));
  print("eigvalsh", la::eigvalsh(matrix({2, 1, 1, 2}, 2, 2)));
  std::printf("norm %.6f\n", la::norm(a));
  std::printf("rank %ld\n", la::matrix_rank(matrix({1, 2, 2, 4}, 2, 2)).as<long>());
  try {
    la::inv(matrix({1, 2, 2, 4}, 2, 2));
  } catch (const pybridge::PythonError &error) {
    std::printf("%s\n", error.what());
  }
}
