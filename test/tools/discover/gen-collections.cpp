// pybridge-discover collections: deques and chain maps kept by Python
// RUN: rm -rf %t && mkdir -p %t/py
// RUN: %discover_and_build collections -o %t/py/collections.hpp 2> %t/coverage
// RUN: FileCheck %s < %t/coverage
// RUN: not grep "the compiler rejects it" %t/py/collections.hpp
// RUN: %clangxx %pybridge_cxxflags -Werror -I%t %s -o %t/main %pybridge_ldflags
// RUN: env -u PYBRIDGE_WORKERS %t/main > %t/cpp.out
// RUN: %pybridge_python %S/gen-collections.py > %t/py.out
// RUN: diff %t/py.out %t/cpp.out
// CHECK: coverage: collections: {{[0-9]+}} of {{[0-9]+}} public symbols emitted
#include "py/collections.hpp"

#include <pybridge/session.hpp>

#include <iostream>

namespace co = py::collections;

// Untyped (generic) parameters are pybridge::Value, which comes from Python.
template <class T> pybridge::Value value(const T &x) { return pybridge::call<pybridge::Value>("copy.copy", x); }

int main() {
  pybridge::Session session; // the objects below meet in calls: one worker
  pybridge::Session::Scope scope(session);
  co::deque recent(std::vector<pybridge::Value>{value(1), value(2), value(3)}, 4);
  recent.append(value(4));
  recent.append(value(5));
  recent.appendleft(value(0));
  std::cout << recent.repr() << " size " << recent.size() << " maxlen " << recent.maxlen().value_or(-1) << "\n";
  recent.rotate(2);
  std::cout << recent.repr() << "\n";
  std::cout << "popped " << recent.pop() << " then " << recent.popleft() << "\n";
  std::cout << "count of 2: " << recent.count(value(2)) << ", contains 9: " << recent.contains(value(9)) << "\n";
  co::UserString shout(value(std::string("hello world")));
  std::cout << std::string(shout.upper()) << " " << std::string(shout.title()) << "\n";
}
