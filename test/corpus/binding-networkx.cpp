// networkx: keywords by [[pybridge::name]] where the C++ names differ, by C++ name where they
// match, optionals left out.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/binding-networkx.py > %t.expected
// RUN: diff %t.expected %t.out
// REQUIRES: python-networkx
#include <pybridge/pybridge.hpp>

#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace nx {
struct [[pybridge::bind("networkx.Graph")]] Graph : pybridge::Object {
  using pybridge::Object::Object;
  Graph();
  void add_edge(std::string u, std::string v, double weight);
  long number_of_edges();
};

[[pybridge::bind("networkx.shortest_path")]] std::vector<std::string>
shortest_path(const Graph &g, std::string source, std::string target,
              std::optional<std::string> weight, std::string method);
[[pybridge::bind("networkx.shortest_path_length")]] double
distance(const Graph &g, [[pybridge::name("source")]] std::string from,
         [[pybridge::name("target")]] std::string to, [[pybridge::name("weight")]] std::string w);
[[pybridge::bind("networkx.betweenness_centrality")]] std::map<std::string, double>
betweenness(const Graph &g, [[pybridge::name("normalized")]] bool scaled, std::string weight);
[[pybridge::bind("networkx.density")]] double density(const Graph &g);
} // namespace nx

int main() {
  nx::Graph g;
  g.add_edge("a", "b", 1.0);
  g.add_edge("b", "c", 1.0);
  g.add_edge("a", "c", 5.0);
  g.add_edge("c", "d", 2.0);
  for (const std::string &node : nx::shortest_path(g, "a", "d", "weight", "bellman-ford"))
    std::printf("%s ", node.c_str());
  std::printf("\n");
  for (const std::string &node : nx::shortest_path(g, "a", "d", std::nullopt, "dijkstra"))
    std::printf("%s ", node.c_str());
  std::printf("\n%g %g\n", nx::distance(g, "a", "d", "weight"), nx::density(g));
  for (const auto &[node, share] : nx::betweenness(g, false, "weight"))
    std::printf("%s %.4f\n", node.c_str(), share);
  std::printf("%ld\n", g.number_of_edges());
}
