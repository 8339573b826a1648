import networkx as nx

roads = nx.Graph(None, name="roads")
roads.add_edge("Oslo", "Drammen", weight=40.0)
roads.add_edge("Drammen", "Kongsberg", weight=40.5)
roads.add_edge("Oslo", "Kongsberg", weight=85.0)
roads.add_edge("Kongsberg", "Notodden", weight=34.0)
roads.add_edge("Drammen", "Notodden", weight=80.0)
print(f"graph {roads.graph['name']}: {roads.number_of_nodes()} nodes, "
      f"{roads.number_of_edges()} edges, len {len(roads)}")
print("towns:" + "".join(f" {town}" for town in sorted(roads)))
print(f"Oslo-Notodden edge {1 if roads.has_edge('Oslo', 'Notodden') else 0}")
print("fastest:" + "".join(f" {t}" for t in nx.shortest_path(roads, "Oslo", "Notodden", "weight")))
print(f"length {nx.shortest_path_length(roads, 'Oslo', 'Notodden', 'weight'):g} km, "
      f"connected {1 if nx.is_connected(roads) else 0}")
