import sympy.core as sc

square = sc.sympify("(x + 1)**2")
print(square)
expanded = sc.expand(square)
print(expanded)
x = sc.Symbol("x")
print(f"{x} is a symbol: {int(x.is_Symbol)}, name {x.name}")
print(sc.diff(expanded, x.name))
print(sc.factor_terms(sc.sympify("2*x + 4*x**2")))
half = sc.Rational(1, 2)
print(str(half + sc.Rational(1, 3)))
print(sc.N(sc.sympify("sqrt(2)"), 20))
print(str(sc.Integer(2) * sc.Integer(21)))
