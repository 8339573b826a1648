import networkx as nx

g = nx.Graph()
g.add_edge("a", "b", weight=1.0)
g.add_edge("b", "c", weight=1.0)
g.add_edge("a", "c", weight=5.0)
g.add_edge("c", "d", weight=2.0)
print("".join(f"{node} " for node in nx.shortest_path(g, "a", "d", "weight", method="bellman-ford")))
print("".join(f"{node} " for node in nx.shortest_path(g, "a", "d", method="dijkstra")))
print("%g %g" % (nx.shortest_path_length(g, source="a", target="d", weight="weight"), nx.density(g)))
for node, share in sorted(nx.betweenness_centrality(g, normalized=False, weight="weight").items()):
    print(f"{node} {share:.4f}")
print(g.number_of_edges())
