// Ordered data with heapq and bisect: nlargest/nsmallest over std::vector and std::set (any
// iterable), merge of sorted inputs streamed, and bisect over a std::vector and a std::tuple
// (both have len and indexing, which bisect asks for).
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-heapq-bisect.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>
#include <pybridge/stream.hpp>

#include <iostream>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace py {
[[pybridge::bind("heapq.nlargest")]] std::vector<double> nlargest(long n,
                                                                 const std::vector<double> &iterable);
[[pybridge::bind("heapq.nsmallest")]] std::vector<std::string>
nsmallest(long n, const std::set<std::string> &iterable);
[[pybridge::bind("heapq.merge")]] pybridge::Stream<long> merge(const std::vector<long> &a,
                                                               const std::vector<long> &b);
[[pybridge::bind("bisect.bisect_left")]] long bisect_left(const std::vector<long> &a, long x);
[[pybridge::bind("bisect.bisect_right")]] long bisect_right(const std::tuple<long, long, long, long> &a,
                                                             long x);
} // namespace py

int main() {
  std::vector<double> scores = {71.5, 88.0, 92.25, 64.0, 88.5, 79.0};
  std::cout << "top three:";
  for (double s : py::nlargest(3, scores))
    std::cout << " " << s;
  std::cout << "\nfirst two names:";
  for (const std::string &name : py::nsmallest(2, {"mira", "ada", "zoe", "ben"}))
    std::cout << " " << name;
  std::cout << "\nmerged:";
  for (long x : py::merge({1, 4, 9}, {2, 3, 10}))
    std::cout << " " << x;
  std::vector<long> grades = {60, 70, 80, 90};
  std::cout << "\ngrade of 85: " << "FDCBA"[py::bisect_left(grades, 85)] << "\n";
  std::cout << "right of 70 in tuple: " << py::bisect_right({60, 70, 70, 90}, 70) << "\n";
}
