import numpy as np
import numpy.random as rnd

rng = rnd.default_rng(np.array([42]))
a, b, c = rng.integers(0, 100), rng.integers(0, 100), rng.integers(0, 100)
print("integers %d %d %d" % (a, b, c))
print("random %.6f" % rng.random())
print("normal %.6f" % rng.normal(10.0, 2.0))
print("permutation" + "".join(" %d" % x for x in rng.permutation(6)))
legacy = rnd.RandomState(7)
print("legacy %.6f" % legacy.random_sample())
