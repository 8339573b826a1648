import itertools

print("pairs:" + "".join(f" {a}{b}" for a, b in itertools.combinations("ABCD", 2)))
print("running:" + "".join(f" {t}" for t in itertools.accumulate([3, 1, 4, 1, 5, 9])))
print("chained:" + "".join(f" {x}" for x in itertools.chain([1, 2], {9, 7, 8})))
print("steps:" + "".join(f" {b - a}" for a, b in itertools.pairwise([1, 4, 9, 16])))
print("odd:" + "".join(f" {x}" for x in itertools.islice(itertools.count(1, 2), 5)))
print("cells:" + "".join(f" {c}{r}" for c, r in itertools.product("ab", ["1", "2"])))
