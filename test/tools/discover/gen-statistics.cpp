// pybridge-discover statistics: the header compiles cleanly and its stubs give Python's answers.
// RUN: rm -rf %t && mkdir -p %t/py
// RUN: %discover_and_build statistics -o %t/py/statistics.hpp 2> %t/coverage
// RUN: FileCheck %s < %t/coverage
// RUN: not grep "the compiler rejects it" %t/py/statistics.hpp
// RUN: %clangxx %pybridge_cxxflags -Werror -I%t %s -o %t/main %pybridge_ldflags
// RUN: env -u PYBRIDGE_WORKERS %t/main > %t/cpp.out
// RUN: %pybridge_python %S/gen-statistics.py > %t/py.out
// RUN: diff %t/py.out %t/cpp.out
// CHECK: coverage: statistics: {{[0-9]+}} of {{[0-9]+}} public symbols emitted
#include "py/statistics.hpp"

#include <cstdio>

namespace st = py::statistics;

int main() {
  std::vector<double> data{2.5, 3.25, 5.5, 11.25, 11.75};
  std::printf("median %.6f\n", st::median(data));
  std::printf("mean %.6f\n", st::mean(data));
  std::printf("stdev %.6f\n", st::stdev(data));
  for (double q : st::quantiles(data, 4))
    std::printf("quartile %.6f\n", q);
  st::NormalDist iq(100.0, 15.0);
  std::printf("cdf(130) %.6f\n", iq.cdf(130));
  std::printf("inv_cdf(0.9) %.6f\n", iq.inv_cdf(0.9));
  st::NormalDist fitted = st::NormalDist::from_samples(data);
  std::printf("fitted %.6f %.6f\n", fitted.mean(), fitted.stdev());
  try {
    st::median({});
  } catch (const pybridge::PythonError &error) {
    std::printf("%s\n", error.what());
  }
}
