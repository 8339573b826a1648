import numpy as np


def show(values):
    print("".join("%g " % v for v in values))


show(np.linspace(0, 1, 5, endpoint=False))
show(np.round([1.234, 5.678, 9.999], 1))
show(np.clip([-3, 0.5, 7], 0, 1))
print("%g %.6f" % (np.mean([1, 2, 3, 4]), np.std([1, 2, 3, 4], ddof=1)))
print("%g" % np.percentile([1, 2, 3, 4, 5], 40, method="lower"))
