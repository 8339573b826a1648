import itertools as it

letters = ["A", "B", "C", "D"]
print(*it.combinations(letters, 2), end=" \n")
print(*it.accumulate([3, 1, 4, 1, 5]), end=" \n")
print(*it.pairwise(letters), end=" \n")
print(*it.product([0, 1], ["x", "y"]), end=" \n")
# the generated stub takes count(double start, double step): 10 arrives as 10.0
print(*it.islice(it.count(10.0, 2.5), 4), end=" \n")
