# sympy-combine.cpp in Python: the output the C++ program must print.
import threading
from concurrent.futures import ThreadPoolExecutor

import sympy

x, y = sympy.Symbol("x"), sympy.Symbol("y")
square = sympy.sympify("x**2 + 2*x*y")
rest = sympy.sympify("y**2")
print(f"factor(x**2 + 2*x*y + y**2) = {sympy.factor(square + rest)}")
print(f"d/dx = {sympy.diff(square + rest, x)}")
print(f"at y = 1: {sympy.expand((square + rest).subs(y, 1))}")

with ThreadPoolExecutor() as pool:
    a, b = pool.submit(sympy.sympify, "x - 3"), pool.submit(sympy.sympify, "x + 3")
    product = sympy.expand(a.result() * b.result())
print(f"(x - 3)(x + 3) = {product}, roots: {' '.join(str(r) for r in sympy.solve(product, x))}")

terms = [None] * 4


def make_term(k):
    terms[k] = sympy.sympify(f"{k + 1}*x**{k}")


threads = [threading.Thread(target=make_term, args=(k,)) for k in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
polynomial = terms[0]
for term in terms[1:]:
    polynomial = polynomial + term
print(f"polynomial = {polynomial}")
print(f"derivative = {sympy.diff(polynomial, x)}")
print(f"times y = {sympy.expand(polynomial * y)}")
