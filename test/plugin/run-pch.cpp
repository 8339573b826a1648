// Stubs in a precompiled header keep the bodies written when the header was compiled, with
// or without the plugin where the header is used.
// RUN: %clangxx %pybridge_cxxflags -x c++-header %S/Inputs/pch-stubs.hpp -o %t.pch
// RUN: %clangxx %pybridge_cxxflags -include-pch %t.pch -c %s -o %t.o
// RUN: %clangxx %t.o -o %t %pybridge_ldflags
// RUN: %t | FileCheck %s
// RUN: %clangxx -std=c++20 -I%source_root/runtime/include -include-pch %t.pch -c %s -o %t.plain.o
// RUN: %clangxx %t.plain.o -o %t.plain %pybridge_ldflags
// RUN: %t.plain | FileCheck %s
#include <iostream>

double median(std::vector<double> data); // redeclared here: still the header's stub

int main() {
  Counter counter(1, 2);
  // CHECK: median 2 tick 3
  std::cout << "median " << median({3, 1, 2}) << " tick " << counter.tick() << "\n";
}
