// networkx graphs built through method calls on a bound class; algorithms' results as C++
// containers (paths as vectors, dicts as maps, generators as streams, matrices as NDArray).
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t | FileCheck %s
// RUN: env PYBRIDGE_WORKERS=4 %t | FileCheck %s
// REQUIRES: python-networkx
#include <pybridge/pybridge.hpp>
#include <pybridge/stream.hpp>
#include <pybridge/ndarray.hpp>

#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace nx {
struct [[pybridge::bind("networkx.Graph")]] Graph : pybridge::Object {
  using pybridge::Object::Object;
  Graph();
  void add_edge(std::string u, std::string v, [[pybridge::name("weight")]] double weight);
  void add_nodes_from(std::vector<std::string> nodes);
  void remove_node(std::string node);
  long number_of_nodes() const;
  long number_of_edges() const;
  bool has_edge(std::string u, std::string v) const;
  Graph copy() const;
};

[[pybridge::bind("networkx.shortest_path")]] std::vector<std::string>
shortest_path(const Graph &g, [[pybridge::name("source")]] std::string source,
              [[pybridge::name("target")]] std::string target,
              [[pybridge::name("weight")]] std::optional<std::string> weight);
[[pybridge::bind("networkx.shortest_path_length")]] double
shortest_path_length(const Graph &g, [[pybridge::name("source")]] std::string source,
                     [[pybridge::name("target")]] std::string target,
                     [[pybridge::name("weight")]] std::string weight);
[[pybridge::bind("networkx.connected_components")]] pybridge::Stream<std::set<std::string>>
connected_components(const Graph &g);
[[pybridge::bind("networkx.degree_centrality")]] std::map<std::string, double>
degree_centrality(const Graph &g);
[[pybridge::bind("networkx.to_numpy_array")]] pybridge::NDArray
to_numpy_array(const Graph &g, [[pybridge::name("nodelist")]] std::vector<std::string> nodes);
[[pybridge::bind("networkx.path_graph")]] Graph path_graph(long n);
} // namespace nx

int main() {
  nx::Graph g;
  g.add_edge("a", "b", 1);
  g.add_edge("b", "c", 1);
  g.add_edge("a", "c", 5);
  g.add_edge("c", "d", 1);
  g.add_nodes_from({"island", "x"});
  g.add_edge("island", "x", 2);
  // CHECK: nodes 6 edges 5 has a-b 1 b-d 0
  std::cout << "nodes " << g.number_of_nodes() << " edges " << g.number_of_edges() << " has a-b "
            << g.has_edge("a", "b") << " b-d " << g.has_edge("b", "d") << "\n";

  std::cout << "weighted path:";
  for (const auto &node : nx::shortest_path(g, "a", "d", "weight")) std::cout << " " << node;
  std::cout << "\n";
  // CHECK-NEXT: weighted path: a b c d
  std::cout << "hop path:";
  for (const auto &node : nx::shortest_path(g, "a", "d", std::nullopt)) std::cout << " " << node;
  std::cout << "\n";
  // CHECK-NEXT: hop path: a c d
  // CHECK-NEXT: length 3
  std::cout << "length " << nx::shortest_path_length(g, "a", "d", "weight") << "\n";

  std::cout << "components:";
  for (const auto &component : nx::connected_components(g)) {
    std::cout << " {";
    for (const auto &node : component) std::cout << " " << node;
    std::cout << " }";
  }
  std::cout << "\n";
  // CHECK-NEXT: components: { a b c d } { island x }

  auto centrality = nx::degree_centrality(g);
  // CHECK-NEXT: centrality c 0.6 x 0.2
  std::cout << "centrality c " << centrality["c"] << " x " << centrality["x"] << "\n";

  auto matrix = nx::to_numpy_array(g, {"a", "b", "c"});
  std::cout << "adjacency " << matrix.shape()[0] << "x" << matrix.shape()[1] << ":";
  for (double w : matrix.values<double>()) std::cout << " " << w;
  std::cout << "\n";
  // CHECK-NEXT: adjacency 3x3: 0 1 5 1 0 1 5 1 0

  nx::Graph copy = g.copy();
  copy.remove_node("c");
  // CHECK-NEXT: copy nodes 5 original nodes 6
  std::cout << "copy nodes " << copy.number_of_nodes() << " original nodes "
            << g.number_of_nodes() << "\n";
  try {
    nx::shortest_path(copy, "a", "d", std::nullopt);
  } catch (const pybridge::PythonError &error) {
    // CHECK-NEXT: NetworkXNoPath (networkx.exception): No path between a and d.
    std::cout << error.type() << " (" << error.module() << "): " << error.message() << "\n";
  }
  try {
    nx::shortest_path(g, "a", "nowhere", std::nullopt);
  } catch (const pybridge::PythonError &error) {
    // CHECK-NEXT: NodeNotFound: Either source a or target nowhere is not in G
    std::cout << error.type() << ": " << error.message() << "\n";
  }
  nx::Graph path = nx::path_graph(4);
  // CHECK-NEXT: path_graph: 4 nodes, 3 edges, type networkx.classes.graph.Graph
  std::cout << "path_graph: " << path.number_of_nodes() << " nodes, " << path.number_of_edges()
            << " edges, type " << path.type_name() << "\n";
}
