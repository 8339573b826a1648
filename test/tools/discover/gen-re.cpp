// pybridge-discover re: regular expressions as Python runs them
// RUN: rm -rf %t && mkdir -p %t/py
// RUN: %discover_and_build re -o %t/py/re.hpp 2> %t/coverage
// RUN: FileCheck %s < %t/coverage
// RUN: not grep "the compiler rejects it" %t/py/re.hpp
// RUN: %clangxx %pybridge_cxxflags -Werror -I%t %s -o %t/main %pybridge_ldflags
// RUN: env -u PYBRIDGE_WORKERS %t/main > %t/cpp.out
// RUN: %pybridge_python %S/gen-re.py > %t/py.out
// RUN: diff %t/py.out %t/cpp.out
// CHECK: coverage: re: {{[0-9]+}} of {{[0-9]+}} public symbols emitted
#include "py/re.hpp"

#include <iostream>

namespace re = py::re;

int main() {
  std::string text = "Order 66 shipped 2024-03-10, order 67 on 2024-04-01.";
  std::cout << re::sub(R"((\d{4})-(\d{2})-(\d{2}))", R"(\3/\2/\1)", text) << "\n";
  for (const pybridge::Value &number : re::findall(R"(\d+)", text))
    std::cout << "number " << number << "\n";
  re::Pattern date = re::compile(R"((?P<year>\d{4})-(?P<month>\d{2}))");
  std::cout << "groups " << date.groups() << "\n";
  for (re::Match match : date.finditer(text))
    std::cout << "match at " << match.start() << ": " << match.group() << "\n";
  std::optional<re::Match> none = date.fullmatch("not a date");
  std::cout << "fullmatch " << (none ? "found" : "None") << "\n";
  for (const pybridge::Value &part : re::split(R"(\s*,\s*)", "a , b,c ,  d"))
    std::cout << "part " << part << "\n";
}
