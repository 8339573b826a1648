// pybridge-discover json: parsing and encoding JSON as Python does
// RUN: rm -rf %t && mkdir -p %t/py
// RUN: %discover_and_build json -o %t/py/json.hpp 2> %t/coverage
// RUN: FileCheck %s < %t/coverage
// RUN: not grep "the compiler rejects it" %t/py/json.hpp
// RUN: %clangxx %pybridge_cxxflags -Werror -I%t %s -o %t/main %pybridge_ldflags
// RUN: env -u PYBRIDGE_WORKERS %t/main > %t/cpp.out
// RUN: %pybridge_python %S/gen-json.py > %t/py.out
// RUN: diff %t/py.out %t/cpp.out
// CHECK: coverage: json: {{[0-9]+}} of {{[0-9]+}} public symbols emitted
#include "py/json.hpp"

#include <iostream>

namespace js = py::json;

int main() {
  pybridge::Value doc = js::loads(R"({"name": "pybridge", "tags": ["c++", "python"], "stars": 4.5, "open": true, "owner": null})");
  std::cout << doc << "\n";
  js::JSONEncoder sorted_pretty({}, {}, {}, {}, /*sort_keys=*/true, /*indent=*/2);
  std::cout << sorted_pretty.encode(doc) << "\n";
  std::cout << js::dumps(doc) << "\n";
  js::JSONDecoder decoder;
  std::cout << decoder.decode("[1, 2, {\"three\": 3}]") << "\n";
  try {
    js::loads("{not json}");
  } catch (const pybridge::PythonError &error) {
    std::cout << error.what() << "\n";
  }
}
