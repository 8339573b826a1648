// Virtual bound methods: the vtable is emitted where needed (the synthesized key function is
// inline), two translation units including the stubs link, and overrides dispatch.
// RUN: %clangxx %pybridge_cxxflags -DFIRST -c %s -o %t.first.o
// RUN: %clangxx %pybridge_cxxflags -c %s -o %t.second.o
// RUN: %clangxx %t.first.o %t.second.o -o %t %pybridge_ldflags
// RUN: %t | FileCheck %s
#include "Inputs/virtual-stubs.hpp"

#ifdef FIRST
long tick_elsewhere(Counter &counter) { return counter.tick(); }
#else
#include <iostream>

struct Fixed : Counter {
  using Counter::Counter;
  long value() override { return -1; }
};

int main() {
  Counter counter(1, 2);
  Fixed fixed(0, 1);
  Counter &as_base = fixed;
  // CHECK: 3 5 -1 1
  std::cout << tick_elsewhere(counter) << " " << counter.tick() << " " << as_base.value() << " "
            << as_base.tick() << "\n";
}
#endif
