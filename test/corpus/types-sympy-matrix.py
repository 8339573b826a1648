import sympy

a = sympy.Matrix([[2, 1], [1, 3]])
b = sympy.Matrix([[0, 1], [1, 0]])
rows, cols = a.shape
print(f"shape {rows}x{cols}, det {a.det()}, trace {a.trace()}")
print(f"a^T = {a.T}")
print(f"inverse = {a.inv()}")
print(f"a*b = {a * b}, a+b = {a + b}")
print("entries:" + "".join(f" {x}" for x in iter(a * b)))
print(f"latex {sympy.latex(a)}")
