// A Python exception reaches C++ as pybridge::PythonError with type, message and traceback.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t | FileCheck %s
// RUN: env PYBRIDGE_WORKERS=4 %t | FileCheck %s
#include <pybridge/pybridge.hpp>

#include <iostream>

[[pybridge::bind("statistics.median")]] double median(std::vector<double> data);
[[pybridge::bind("math.sqrt")]] double sqrt_(double x);
[[pybridge::bind("math.comb")]] long comb(long n, long k);

int main() {
  try {
    median({});
  } catch (const pybridge::PythonError &error) {
    // CHECK: what: StatisticsError: no median for empty data
    std::cout << "what: " << error.what() << "\n";
    // CHECK-NEXT: type: StatisticsError module: statistics
    std::cout << "type: " << error.type() << " module: " << error.module() << "\n";
    // CHECK-NEXT: is ValueError: 1
    std::cout << "is ValueError: " << error.is_instance("builtins.ValueError") << "\n";
    // CHECK-NEXT: Traceback (most recent call last):
    // CHECK: raise StatisticsError("no median for empty data")
    std::cout << error.traceback();
  }
  try {
    sqrt_(-1);
  } catch (const pybridge::ValueError &error) {
    // CHECK: caught as ValueError: ValueError: math domain error
    std::cout << "caught as ValueError: " << error.what() << "\n";
  }
  try {
    comb(-1, 2);
  } catch (const std::exception &error) {
    // CHECK: caught as std::exception: ValueError: n must be a non-negative integer
    std::cout << "caught as std::exception: " << error.what() << "\n";
  }
}
