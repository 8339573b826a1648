import random

rng = random.Random(2024)
print("dice:" + "".join(f" {rng.randint(1, 6)}" for _ in range(6)))
print(f"uniform {rng.uniform(-1.0, 1.0):.6f}")
print("dna " + "".join(rng.choice("ACGT") for _ in range(8)))
print("lottery:" + "".join(f" {n}" for n in rng.sample((4, 8, 15, 16, 23), 3)))
print("team:" + "".join(f" {name}" for name in rng.sample(
    ["ada", "grace", "linus", "guido", "bjarne"], 2)))
print(f"random {rng.random():.6f}")
