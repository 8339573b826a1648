import collections

od = collections.OrderedDict([("b", 2), ("a", 1), ("c", 3)])
od.move_to_end("b")
print(repr(od))
counter = collections.Counter(["x", "y", "x", "z", "x", "y"])
for word, n in counter.most_common(2):
    print(f"{word}={n}")
print("".join(f"{name}:{n} " for name, n in sorted(dict(apples=3, pears=4).items())))
print("".join(f"{name}:{n} " for name, n in sorted(dict([("k", 1), ("items", 2)]).items())))
