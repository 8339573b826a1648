import math
import os.path
import random
import statistics

print(f"dist {math.dist((0, 0), (3, 4)):.4f}")
print(f"prod {math.prod((2, 3, 7))}")
print(f"fsum {math.fsum((0.1, 0.2, 0.3, -0.6)):.17g}")
print(f"median {statistics.median((5, 1, 4, 2)):.1f}")
print(f"mean {statistics.mean((1.5, 2.0)):.2f}")
rng = random.Random(7)
for _ in range(3):
    print(f"pick {rng.choice(('red', 'green', 'blue'))}")
stem, ext = os.path.splitext("archive.tar.gz")
print(f"stem {stem} ext {ext}")
