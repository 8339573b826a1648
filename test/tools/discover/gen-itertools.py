import itertools as it

letters = ["A", "B", "C", "D"]
print(*it.combinations(letters, 2), end=" \n")
print(*it.accumulate([3, 1, 4, 1, 5]), end=" \n")
print(*it.pairwise(letters), end=" \n")
print(*it.product([0, 1], ["x", "y"]), end=" \n")
print(*it.islice(it.count(10, 2.5), 4), end=" \n")
