import heapq
import math
import os.path

print("%g" % math.hypot(2, 3, 6))
print(max(4, 9, 2, 7))
print(f"{min([], default=-1)} {min([5, 3], default=-1)}")
print(os.path.join("usr", "local", "bin"))
print("".join(f"{value} " for value in heapq.merge([9, 5, 1], [8, 4, 2], reverse=True)))
