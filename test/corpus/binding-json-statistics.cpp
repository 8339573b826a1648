// json and statistics: keyword-only parameters by C++ name; **kwargs not involved.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/binding-json-statistics.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

[[pybridge::bind("json.dumps")]] std::string dumps(std::map<std::string, long> obj, long indent,
                                                   bool sort_keys);
[[pybridge::bind("json.dumps")]] std::string compact(std::vector<long> obj,
                                                     std::pair<std::string, std::string> separators);
[[pybridge::bind("statistics.quantiles")]] std::vector<double> quantiles(std::vector<double> data,
                                                                         long n);
[[pybridge::bind("statistics.fmean")]] double weighted_mean(std::vector<double> data,
                                                            std::vector<double> weights);
[[pybridge::bind("statistics.median_grouped")]] double median_grouped(std::vector<double> data,
                                                                      double interval);

int main() {
  std::printf("%s\n", dumps({{"b", 2}, {"a", 1}}, 2, true).c_str());
  std::printf("%s\n", compact({1, 2, 3}, {",", ":"}).c_str());
  for (double q : quantiles({1, 3, 5, 7, 9, 11}, 3))
    std::printf("%g ", q);
  std::printf("\n%g\n", weighted_mean({1, 2, 3}, {3, 1, 1}));
  std::printf("%g\n", median_grouped({1, 2, 2, 3, 4, 4, 4, 4, 4, 5}, 2));
}
