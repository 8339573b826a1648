// numpy arrays as values: functions taking ArrayLike (std::vector, nested vectors, NDArray),
// results as NDArray or std::vector, numpy scalars into double, an array streamed item by
// item (an ndarray is iterable), and an NDArray handed to the standard library's statistics.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-numpy-arrays.py > %t.expected
// RUN: diff %t.expected %t.out
// REQUIRES: python-numpy
#include <pybridge/ndarray.hpp>
#include <pybridge/pybridge.hpp>
#include <pybridge/stream.hpp>

#include <cstdio>
#include <vector>

namespace np {
using pybridge::NDArray;
[[pybridge::bind("numpy.linspace")]] NDArray linspace(double start, double stop, long num);
[[pybridge::bind("numpy.mean")]] double mean(const NDArray &a);
[[pybridge::bind("numpy.median")]] double median(const std::vector<double> &a);
[[pybridge::bind("numpy.std")]] double std_dev(const std::vector<std::vector<double>> &a);
[[pybridge::bind("numpy.unique")]] std::vector<long> unique(const std::vector<long> &ar);
[[pybridge::bind("numpy.cumsum")]] std::vector<double> cumsum(const NDArray &a);
[[pybridge::bind("numpy.dot")]] double dot(const std::vector<double> &a,
                                          const std::vector<double> &b);
[[pybridge::bind("numpy.sqrt")]] pybridge::Stream<double> roots(const NDArray &x);
} // namespace np

[[pybridge::bind("statistics.fmean")]] double fmean(const pybridge::NDArray &data);

int main() {
  pybridge::NDArray points = np::linspace(0.0, 2.0, 5);
  std::printf("linspace:");
  for (double x : points.values<double>())
    std::printf(" %.2f", x);
  std::printf("\nmean %.3f median %.3f std %.4f\n", np::mean(points),
              np::median({3.0, 1.0, 2.0, 10.0}), np::std_dev({{1.0, 2.0}, {3.0, 4.0}}));
  std::printf("unique:");
  for (long v : np::unique({3, 1, 3, 2, 1}))
    std::printf(" %ld", v);
  std::printf("\ncumsum:");
  for (double v : np::cumsum(points))
    std::printf(" %.1f", v);
  std::printf("\ndot %.1f\nroots:", np::dot({1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}));
  for (double r : np::roots(points))
    std::printf(" %.4f", r);
  std::printf("\nfmean via statistics %.3f\n", fmean(points));
}
