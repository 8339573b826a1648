// pybridge-discover networkx.algorithms.shortest_paths: shortest paths computed by networkx
// RUN: rm -rf %t && mkdir -p %t/py
// RUN: %discover_and_build networkx.algorithms.shortest_paths -o %t/py/networkx-shortest-paths.hpp 2> %t/coverage
// RUN: FileCheck %s < %t/coverage
// RUN: not grep "the compiler rejects it" %t/py/networkx-shortest-paths.hpp
// RUN: %clangxx %pybridge_cxxflags -Werror -I%t %s -o %t/main %pybridge_ldflags
// RUN: env -u PYBRIDGE_WORKERS %t/main > %t/cpp.out
// RUN: %pybridge_python %S/gen-networkx-shortest-paths.py > %t/py.out
// RUN: diff %t/py.out %t/cpp.out
// REQUIRES: python-networkx
// CHECK: coverage: networkx.algorithms.shortest_paths: {{[0-9]+}} of {{[0-9]+}} public symbols emitted
#include "py/networkx-shortest-paths.hpp"

#include <pybridge/session.hpp>

#include <iostream>
#include <map>

namespace sp = py::networkx::algorithms::shortest_paths;
using Weights = std::map<long, std::map<long, std::map<std::string, long>>>;

// networkx is not annotated: its parameters are pybridge::Value, which comes from Python.
template <class T> pybridge::Value value(const T &x) { return pybridge::call<pybridge::Value>("copy.copy", x); }

int main() {
  pybridge::Session session; // the graph and the calls on it: one worker
  pybridge::Session::Scope scope(session);
  Weights roads{{0, {{1, {{"weight", 4}}}, {2, {{"weight", 1}}}}},
                {2, {{1, {{"weight", 2}}}, {3, {{"weight", 7}}}}},
                {1, {{3, {{"weight", 1}}}}},
                {4, {{5, {{"weight", 1}}}}}};
  pybridge::Value graph = pybridge::call<pybridge::Value>("networkx.from_dict_of_dicts", roads);
  std::cout << "fewest hops " << sp::shortest_path(graph, value(0), value(3)) << "\n";
  std::cout << "lightest " << sp::dijkstra_path(graph, value(0), value(3)) << "\n";
  std::cout << "weight " << sp::dijkstra_path_length(graph, value(0), value(3)) << "\n";
  std::cout << "weighted " << sp::shortest_path(graph, value(0), value(3), value(std::string("weight"))) << "\n";
  std::cout << "0 to 5: " << sp::has_path(graph, value(0), value(5)) << "\n";
  std::cout << "bellman-ford " << sp::bellman_ford_path_length(graph, value(3), value(0)) << "\n";
  try {
    sp::dijkstra_path(graph, value(0), value(5));
  } catch (const pybridge::PythonError &error) {
    std::cout << error.what() << "\n";
  }
}
