// pybridge-discover pathlib: path arithmetic as Python does it
// RUN: rm -rf %t && mkdir -p %t/py
// RUN: %discover_and_build pathlib -o %t/py/pathlib.hpp 2> %t/coverage
// RUN: FileCheck %s < %t/coverage
// RUN: not grep "the compiler rejects it" %t/py/pathlib.hpp
// RUN: %clangxx %pybridge_cxxflags -Werror -I%t %s -o %t/main %pybridge_ldflags
// RUN: env -u PYBRIDGE_WORKERS %t/main > %t/cpp.out
// RUN: %pybridge_python %S/gen-pathlib.py > %t/py.out
// RUN: diff %t/py.out %t/cpp.out
// CHECK: coverage: pathlib: {{[0-9]+}} of {{[0-9]+}} public symbols emitted
#include "py/pathlib.hpp"

#include <pybridge/session.hpp>

#include <iostream>

namespace pl = py::pathlib;

int main() {
  pybridge::Session session; // the paths below meet in calls: one worker
  pybridge::Session::Scope scope(session);
  pl::PurePosixPath source("/usr/lib/python3.11/json/__init__.py");
  std::cout << source.name() << " " << source.suffix() << " " << source.stem() << "\n";
  for (const std::string &part : source.parts())
    std::cout << "part " << part << "\n";
  std::cout << std::string(source.parent()) << "\n";
  std::cout << std::string(source.with_suffix(".pyi")) << "\n";
  std::cout << std::string(source.parent().joinpath("decoder.py")) << "\n";
  std::cout << "absolute " << source.is_absolute() << "\n";
  std::cout << "matches " << source.match("*.py") << "\n";
  std::cout << std::string(source.relative_to("/usr/lib")) << "\n";
}
