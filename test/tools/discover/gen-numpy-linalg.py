import numpy as np
import numpy.linalg as la


def show(name, array):
    print(name + ":" + "".join(" %.6f" % x for x in np.ravel(array)))


a = np.array([[4.0, 1.0], [2.0, 3.0]])
print("det %.6f" % la.det(a))
show("inv", la.inv(a))
show("solve", la.solve(a, np.array([1.0, 2.0])))
show("eigvalsh", la.eigvalsh(np.array([[2.0, 1.0], [1.0, 2.0]])))
print("norm %.6f" % la.norm(a))
print("rank %d" % la.matrix_rank(np.array([[1.0, 2.0], [2.0, 4.0]])))
try:
    la.inv(np.array([[1.0, 2.0], [2.0, 4.0]]))
except la.LinAlgError as error:
    print(f"{type(error).__name__}: {error}")
