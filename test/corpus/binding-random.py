import random

rng = random.Random(2024)
print(f"{rng.randint(1, 6)} {rng.randrange(0, 100, 5)}")
print("".join(f"{s} " for s in rng.sample(["red", "blue"], 3, counts=[2, 3])))
print("".join(f"{s} " for s in rng.choices(["a", "b", "c"], [5, 1, 1], k=4)))
print(f"{rng.gauss(0, 1):.6f}")
