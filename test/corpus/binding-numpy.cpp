// numpy: keyword and keyword-only parameters by C++ name, overloads, optionals left out.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/binding-numpy.py > %t.expected
// RUN: diff %t.expected %t.out
// REQUIRES: python-numpy
#include <pybridge/pybridge.hpp>

#include <cstdio>
#include <optional>
#include <vector>

namespace np {
[[pybridge::bind("numpy.linspace")]] std::vector<double> linspace(double start, double stop,
                                                                  long num, bool endpoint);
[[pybridge::bind("numpy.round")]] std::vector<double> round(std::vector<double> a, long decimals);
[[pybridge::bind("numpy.clip")]] std::vector<double> clip(std::vector<double> a, double a_min,
                                                          double a_max);
[[pybridge::bind("numpy.mean")]] double mean(std::vector<double> a);
[[pybridge::bind("numpy.std")]] double std_dev(std::vector<double> a, long ddof);
[[pybridge::bind("numpy.percentile")]] double percentile(std::vector<double> a, double q,
                                                         std::optional<long> axis,
                                                         std::string method);
} // namespace np

void show(const std::vector<double> &values) {
  for (double v : values)
    std::printf("%g ", v);
  std::printf("\n");
}

int main() {
  show(np::linspace(0, 1, 5, false));
  show(np::round({1.234, 5.678, 9.999}, 1));
  show(np::clip({-3, 0.5, 7}, 0, 1));
  std::printf("%g %.6f\n", np::mean({1, 2, 3, 4}), np::std_dev({1, 2, 3, 4}, 1));
  std::printf("%g\n", np::percentile({1, 2, 3, 4, 5}, 40, std::nullopt, "lower"));
}
