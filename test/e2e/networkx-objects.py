# networkx-objects.cpp in Python: the output the C++ program must print.
import threading

import networkx as nx
from bridge_fixture import Place


def print_path(path):
    print(" -> ".join(str(place) for place in path))


roads = nx.Graph()
amsterdam, berlin, cologne = Place("Amsterdam"), Place("Berlin"), Place("Cologne")
roads.add_edge(amsterdam, berlin, weight=650)
roads.add_edge(amsterdam, cologne, weight=260)
roads.add_edge(cologne, berlin, weight=570)
print(f"nodes {roads.number_of_nodes()}, edges {roads.number_of_edges()}")
print(f"has Amsterdam: {str(roads.has_node(amsterdam)).lower()}")
print(f"has another Amsterdam: {str(roads.has_node(Place('Amsterdam'))).lower()}")
print_path(nx.shortest_path(roads, source=amsterdam, target=berlin, weight="weight"))

east = [None, None]


def survey():
    east[0] = Place("Dresden")
    east[1] = Place("Prague")


surveyor = threading.Thread(target=survey)
surveyor.start()
surveyor.join()
roads.add_edge(berlin, east[0], weight=190)
roads.add_edge(east[0], east[1], weight=150)
print(f"has Prague: {str(roads.has_node(east[1])).lower()}")
print_path(nx.shortest_path(roads, source=amsterdam, target=east[1], weight="weight"))
length = nx.shortest_path_length(roads, source=amsterdam, target=east[1], weight="weight")
print(f"Amsterdam to Prague: {length:g} km")

ferries = None


def harbour():
    global ferries
    hull = Place("Hull")
    made = nx.Graph()
    made.add_edge(amsterdam, hull, weight=360)
    ferries = made


thread = threading.Thread(target=harbour)
thread.start()
thread.join()
composed = nx.compose(roads, ferries)
print(f"composed: nodes {composed.number_of_nodes()}, edges {composed.number_of_edges()}")
print(f"composed has Amsterdam: {str(composed.has_node(amsterdam)).lower()}")
