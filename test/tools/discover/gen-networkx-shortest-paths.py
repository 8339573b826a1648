import networkx
import networkx.algorithms.shortest_paths as sp

roads = {0: {1: {"weight": 4}, 2: {"weight": 1}}, 1: {3: {"weight": 1}},
         2: {1: {"weight": 2}, 3: {"weight": 7}}, 4: {5: {"weight": 1}}}
graph = networkx.from_dict_of_dicts(roads)
print("fewest hops", sp.shortest_path(graph, 0, 3))
print("lightest", sp.dijkstra_path(graph, 0, 3))
print("weight", sp.dijkstra_path_length(graph, 0, 3))
print("weighted", sp.shortest_path(graph, 0, 3, "weight"))
print("0 to 5:", sp.has_path(graph, 0, 5))
print("bellman-ford", sp.bellman_ford_path_length(graph, 3, 0))
try:
    sp.dijkstra_path(graph, 0, 5)
except networkx.NetworkXNoPath as error:
    print(f"{type(error).__name__}: {error}")
