// Route planning with networkx: a Graph with weighted edges, its `graph` attribute dict (an
// instance attribute Graph.__init__ assigns), the graph iterated where Python takes an
// iterable (sorted, len), shortest paths and lengths, and degrees.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-networkx-routes.py > %t.expected
// RUN: diff %t.expected %t.out
// REQUIRES: python-networkx
#include <pybridge/pybridge.hpp>

#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace nx {
struct [[pybridge::bind("networkx.Graph")]] Graph : pybridge::Object {
  using pybridge::Object::Object;
  explicit Graph(std::optional<pybridge::Object> incoming_graph_data, std::string name);
  void add_edge(const std::string &u_of_edge, const std::string &v_of_edge, double weight);
  long number_of_nodes();
  long number_of_edges();
  bool has_edge(const std::string &u, const std::string &v);
  std::map<std::string, std::string> graph(); // the graph's attributes
};

[[pybridge::bind("networkx.shortest_path")]] std::vector<std::string>
shortest_path(const Graph &G, const std::string &source, const std::string &target,
              const std::string &weight);
[[pybridge::bind("networkx.shortest_path_length")]] double
shortest_path_length(const Graph &G, const std::string &source, const std::string &target,
                     const std::string &weight);
[[pybridge::bind("networkx.is_connected")]] bool is_connected(const Graph &G);
} // namespace nx

[[pybridge::bind("builtins.sorted")]] std::vector<std::string> sorted(const nx::Graph &iterable);
[[pybridge::bind("builtins.len")]] long len(const nx::Graph &obj);

int main() {
  nx::Graph roads(std::nullopt, "roads");
  roads.add_edge("Oslo", "Drammen", 40.0);
  roads.add_edge("Drammen", "Kongsberg", 40.5);
  roads.add_edge("Oslo", "Kongsberg", 85.0);
  roads.add_edge("Kongsberg", "Notodden", 34.0);
  roads.add_edge("Drammen", "Notodden", 80.0);
  std::cout << "graph " << roads.graph()["name"] << ": " << roads.number_of_nodes() << " nodes, "
            << roads.number_of_edges() << " edges, len " << len(roads) << "\n";
  std::cout << "towns:";
  for (const std::string &town : sorted(roads))
    std::cout << " " << town;
  std::cout << "\nOslo-Notodden edge " << roads.has_edge("Oslo", "Notodden") << "\n";
  std::cout << "fastest:";
  for (const std::string &town : nx::shortest_path(roads, "Oslo", "Notodden", "weight"))
    std::cout << " " << town;
  std::cout << "\nlength " << nx::shortest_path_length(roads, "Oslo", "Notodden", "weight")
            << " km, connected " << nx::is_connected(roads) << "\n";
}
