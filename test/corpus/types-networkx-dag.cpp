// A build order with a networkx DiGraph: edges from a std::vector of pairs, a topological sort
// streamed (a generator), successors (an iterator), descendants as a std::set, in-degrees, and
// predecessors, and the graph as an iterable of its nodes.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-networkx-dag.py > %t.expected
// RUN: diff %t.expected %t.out
// REQUIRES: python-networkx
#include <pybridge/pybridge.hpp>
#include <pybridge/stream.hpp>

#include <iostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace nx {
struct [[pybridge::bind("networkx.DiGraph")]] DiGraph : pybridge::Object {
  using pybridge::Object::Object;
  DiGraph();
  void add_edges_from(const std::vector<std::pair<std::string, std::string>> &ebunch_to_add);
  pybridge::Stream<std::string> successors(const std::string &n);
  pybridge::Stream<std::string> predecessors(const std::string &n);
};

[[pybridge::bind("networkx.topological_sort")]] pybridge::Stream<std::string>
topological_sort(const DiGraph &G);
[[pybridge::bind("networkx.descendants")]] std::set<std::string>
descendants(const DiGraph &G, const std::string &source);
[[pybridge::bind("networkx.ancestors")]] std::set<std::string> ancestors(const DiGraph &G,
                                                                       const std::string &source);
[[pybridge::bind("networkx.is_directed_acyclic_graph")]] bool is_dag(const DiGraph &G);
} // namespace nx

[[pybridge::bind("builtins.sorted")]] std::vector<std::string> sorted(const nx::DiGraph &iterable);

int main() {
  nx::DiGraph deps;
  deps.add_edges_from({{"headers", "runtime"},
                       {"proto", "runtime"},
                       {"proto", "agent"},
                       {"runtime", "plugin-tests"},
                       {"agent", "plugin-tests"},
                       {"plugin", "plugin-tests"}});
  std::cout << "acyclic " << nx::is_dag(deps) << "\nnodes:";
  for (const std::string &n : sorted(deps))
    std::cout << " " << n;
  std::cout << "\norder:";
  for (const std::string &step : nx::topological_sort(deps))
    std::cout << " " << step;
  std::cout << "\nproto feeds:";
  for (const std::string &s : deps.successors("proto"))
    std::cout << " " << s;
  std::cout << "\nproto reaches:";
  for (const std::string &d : nx::descendants(deps, "proto"))
    std::cout << " " << d;
  long direct = 0;
  for (const std::string &p : deps.predecessors("plugin-tests"))
    direct += !p.empty();
  std::cout << "\nplugin-tests waits for " << direct << " directly, "
            << nx::ancestors(deps, "plugin-tests").size() << " in all\n";
}
