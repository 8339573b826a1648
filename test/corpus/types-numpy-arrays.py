import statistics

import numpy as np

points = np.linspace(0.0, 2.0, 5)
print("linspace:" + "".join(f" {x:.2f}" for x in points))
print(f"mean {np.mean(points):.3f} median {np.median([3.0, 1.0, 2.0, 10.0]):.3f} "
      f"std {np.std([[1.0, 2.0], [3.0, 4.0]]):.4f}")
print("unique:" + "".join(f" {v}" for v in np.unique([3, 1, 3, 2, 1])))
print("cumsum:" + "".join(f" {v:.1f}" for v in np.cumsum(points)))
print(f"dot {np.dot([1.0, 2.0, 3.0], [4.0, 5.0, 6.0]):.1f}")
print("roots:" + "".join(f" {r:.4f}" for r in np.sqrt(points)))
print(f"fmean via statistics {statistics.fmean(points):.3f}")
