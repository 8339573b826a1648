// pybridge-discover difflib: matching and diffing sequences as Python does
// RUN: rm -rf %t && mkdir -p %t/py
// RUN: %discover_and_build difflib -o %t/py/difflib.hpp 2> %t/coverage
// RUN: FileCheck %s < %t/coverage
// RUN: not grep "the compiler rejects it" %t/py/difflib.hpp
// RUN: %clangxx %pybridge_cxxflags -Werror -I%t %s -o %t/main %pybridge_ldflags
// RUN: env -u PYBRIDGE_WORKERS %t/main > %t/cpp.out
// RUN: %pybridge_python %S/gen-difflib.py > %t/py.out
// RUN: diff %t/py.out %t/cpp.out
// CHECK: coverage: difflib: {{[0-9]+}} of {{[0-9]+}} public symbols emitted
#include "py/difflib.hpp"

#include <iostream>

namespace dl = py::difflib;

int main() {
  std::vector<std::string> before{"one", "two", "three", "four"};
  std::vector<std::string> after{"one", "2", "three", "four", "five"};
  for (const std::string &line : dl::unified_diff(before, after, "before", "after", {}, {}, 1, ""))
    std::cout << line << "\n";
  for (const pybridge::Value &word : dl::get_close_matches("appel", {"ape", "apple", "peach", "puppy"}))
    std::cout << "close: " << word << "\n";
  dl::SequenceMatcher matcher(std::nullopt, std::vector<std::string>{"a", "b", "c", "d"},
                              std::vector<std::string>{"a", "c", "d", "e"});
  std::printf("ratio %.6f\n", matcher.ratio());
  for (const auto &[tag, i1, i2, j1, j2] : matcher.get_opcodes())
    std::cout << tag << " " << i1 << " " << i2 << " " << j1 << " " << j2 << "\n";
}
