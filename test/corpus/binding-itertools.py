import itertools

print("".join(f"{x} " for x in itertools.accumulate([1, 2, 3, 4], initial=100)))
print("".join(f"{a}{b} " for a, b in itertools.combinations(["x", "y", "z"], 2)))
print("".join(f"{x} " for x in itertools.chain([1], [2, 3], [])))
print("".join(f"{x} " for x in itertools.islice([0, 1, 2, 3, 4, 5, 6, 7], 1, 7, 3)))
