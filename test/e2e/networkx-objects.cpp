// A networkx graph and node objects made by separate calls, on one thread and on several:
// the nodes are objects with identity (bridge_fixture.Place), so the graph must hold the very
// objects the program holds. networkx-objects.py is the same program in Python.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %pybridge_python %S/networkx-objects.py > %t.expected
// RUN: %t | %diff %t.expected -
// RUN: env PYBRIDGE_WORKERS=1 %t | %diff %t.expected -
// RUN: env PYBRIDGE_WORKERS=2 %t | %diff %t.expected -
// RUN: env PYBRIDGE_WORKERS=4 %t | %diff %t.expected -
// REQUIRES: python-networkx
#include <pybridge/pybridge.hpp>

#include <iostream>
#include <string>
#include <thread>
#include <vector>

struct [[pybridge::bind("bridge_fixture.Place")]] Place : pybridge::Object {
  using pybridge::Object::Object;
  explicit Place(std::string name);
};

namespace nx {
struct [[pybridge::bind("networkx.Graph")]] Graph : pybridge::Object {
  using pybridge::Object::Object;
  Graph();
  void add_edge(const Place &u, const Place &v, [[pybridge::name("weight")]] double weight);
  bool has_node(const Place &node) const;
  long number_of_nodes() const;
  long number_of_edges() const;
};

[[pybridge::bind("networkx.shortest_path")]] std::vector<Place>
shortest_path(const Graph &g, [[pybridge::name("source")]] const Place &source,
              [[pybridge::name("target")]] const Place &target,
              [[pybridge::name("weight")]] std::string weight);
[[pybridge::bind("networkx.shortest_path_length")]] double
shortest_path_length(const Graph &g, [[pybridge::name("source")]] const Place &source,
                     [[pybridge::name("target")]] const Place &target,
                     [[pybridge::name("weight")]] std::string weight);
[[pybridge::bind("networkx.compose")]] Graph compose(const Graph &g, const Graph &h);
} // namespace nx

void print_path(const std::vector<Place> &path) {
  for (std::size_t i = 0; i < path.size(); ++i)
    std::cout << (i ? " -> " : "") << path[i];
  std::cout << "\n";
}

int main() {
  nx::Graph roads;
  Place amsterdam("Amsterdam"), berlin("Berlin"), cologne("Cologne");
  roads.add_edge(amsterdam, berlin, 650);
  roads.add_edge(amsterdam, cologne, 260);
  roads.add_edge(cologne, berlin, 570);
  std::cout << "nodes " << roads.number_of_nodes() << ", edges " << roads.number_of_edges()
            << "\n";
  std::cout << "has Amsterdam: " << std::boolalpha << roads.has_node(amsterdam) << "\n";
  std::cout << "has another Amsterdam: " << roads.has_node(Place("Amsterdam")) << "\n";
  print_path(nx::shortest_path(roads, amsterdam, berlin, "weight"));

  // Places made on other threads join the graph made on this one.
  std::vector<Place> east(2);
  std::thread surveyor([&east] {
    east[0] = Place("Dresden");
    east[1] = Place("Prague");
  });
  surveyor.join();
  roads.add_edge(berlin, east[0], 190);
  roads.add_edge(east[0], east[1], 150);
  std::cout << "has Prague: " << roads.has_node(east[1]) << "\n";
  print_path(nx::shortest_path(roads, amsterdam, east[1], "weight"));
  std::cout << "Amsterdam to Prague: " << nx::shortest_path_length(roads, amsterdam, east[1], "weight")
            << " km\n";

  // A graph made on another thread, combined with this thread's.
  nx::Graph ferries;
  std::thread harbour([&ferries, &amsterdam] {
    Place hull("Hull");
    nx::Graph made;
    made.add_edge(amsterdam, hull, 360);
    ferries = made;
  });
  harbour.join();
  nx::Graph all = nx::compose(roads, ferries);
  std::cout << "composed: nodes " << all.number_of_nodes() << ", edges " << all.number_of_edges()
            << "\n";
  std::cout << "composed has Amsterdam: " << all.has_node(amsterdam) << "\n";
}
