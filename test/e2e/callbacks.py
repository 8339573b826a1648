# The Python twin of callbacks.cpp: the same program, its callbacks Python functions.
import functools
import operator
import threading

import bridge_fixture
import networkx


def show(label, items):
    print(f"{label}: " + " ".join(items))


def square(x):
    return x * x


words = ["pear", "fig", "banana", "kiwi", "apple"]
show("by length", sorted(words, key=lambda w: len(w)))
show("by last letter", sorted(words, key=lambda w: w[-1:]))

squares = list(map(square, [1, 2, 3]))
print(f"squares: {squares[0]} {squares[1]} {squares[2]}")
steps = [lambda x: x + 1, lambda x: x * 10]
stepped = list(map(operator.call, steps, [4, 4]))
print(f"each step of 4: {stepped[0]} {stepped[1]}")

graph = networkx.Graph()
graph.add_edge("a", "b", km=4.0)
graph.add_edge("b", "d", km=4.0)
graph.add_edge("a", "c", km=3.0)
graph.add_edge("c", "d", km=6.0)


def by_km(u, v, edge):
    return edge["km"]


def by_hops_through_c(u, v, edge):
    return 0.5 if u == "c" or v == "c" else 10.0


show("shortest by km", networkx.shortest_path(graph, "a", "d", weight=by_km))
show("shortest through c", networkx.shortest_path(graph, "a", "d", weight=by_hops_through_c))
length = networkx.dijkstra_path_length(graph, "a", "d", weight=by_km)
print(f"length by km: {length:g}")


def digit_sum(n):
    return functools.reduce(lambda total, x: operator.add(total, x),
                            [int(c) for c in str(n)], 0)


print("by digit sum: " + " ".join(str(n) for n in sorted([91, 19, 5, 700, 44], key=digit_sum))
      + " (nested 3 Python calls deep)")

later = map(lambda s: s.upper() + "!", ["hi", "there"])
show("kept and called later", list(later))


def no_kiwis(w):
    if w == "kiwi":
        raise ValueError("no kiwis")
    return len(w)


try:
    sorted(words, key=no_kiwis)
except ValueError as error:
    print(f"invalid_argument: {error}")


def weather(city):
    if city == "Atlantis":
        raise LookupError("no weather station in " + city)
    return "sunny in " + city


toolbox = bridge_fixture.Toolbox()
toolbox.add("weather", weather)
print(toolbox.run("weather", "Paris"))
print(toolbox.run("weather", "Atlantis"))

sums, wrong = [0] * 4, [0] * 4


def work(t):
    data = sorted(((i * 37 + t) % 101 for i in range(50)), key=lambda x: -x)
    sums[t] = data[0] - data[-1]


threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
for t in range(4):
    print(f"thread {t}: spread {sums[t]}, on another thread {wrong[t]}")
