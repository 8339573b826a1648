// pybridge-discover textwrap: wrapping and shortening text as Python does
// RUN: rm -rf %t && mkdir -p %t/py
// RUN: %discover_and_build textwrap -o %t/py/textwrap.hpp 2> %t/coverage
// RUN: FileCheck %s < %t/coverage
// RUN: not grep "the compiler rejects it" %t/py/textwrap.hpp
// RUN: %clangxx %pybridge_cxxflags -Werror -I%t %s -o %t/main %pybridge_ldflags
// RUN: env -u PYBRIDGE_WORKERS %t/main > %t/cpp.out
// RUN: %pybridge_python %S/gen-textwrap.py > %t/py.out
// RUN: diff %t/py.out %t/cpp.out
// CHECK: coverage: textwrap: {{[0-9]+}} of {{[0-9]+}} public symbols emitted
#include "py/textwrap.hpp"

#include <cstdio>

namespace tw = py::textwrap;

int main() {
  std::string text = "The quick brown fox jumps over the lazy dog, then naps in the warm sun "
                     "until the farmer calls everyone in for supper.";
  for (const std::string &line : tw::wrap(text, 30))
    std::printf("[%s]\n", line.c_str());
  std::printf("%s\n", tw::shorten(text, 40).c_str());
  std::printf("%s", tw::indent("alpha\nbeta\n", "> ").c_str());
  std::printf("%s", tw::dedent("    def f():\n        return 1\n").c_str());
  tw::TextWrapper wrapper(24, "* ", "  ");
  std::printf("%s\n", wrapper.fill(text).c_str());
  std::printf("width %ld\n", wrapper.width());
}
