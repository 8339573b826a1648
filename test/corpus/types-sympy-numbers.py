import math
from fractions import Fraction

import sympy

six, twelve = sympy.Integer(6), sympy.Integer(12)
product = six * twelve
print(f"6 * 12 = {product} as long {int(product)}")
print(f"6! = {math.factorial(six)}, C(12, 6) = {math.comb(twelve, six)}")
third, quarter = sympy.Rational(1, 3), sympy.Rational(1, 4)
total = third + quarter
print(f"1/3 + 1/4 = {total} = {total.p}/{total.q} ~ {float(total):g}")
print(f"Fraction(6, 8) = {Fraction(six, 8)}, Fraction(7/12) = {Fraction(total)}")
print("factors of 72:" + "".join(f" {p}^{e}" for p, e in sorted(sympy.factorint(product).items())))
print(f"72 prime {1 if sympy.isprime(product) else 0}, next prime {sympy.nextprime(product)}")
