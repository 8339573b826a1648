import sympy

x = sympy.Symbol("x", positive=True)
print(str(sympy.sqrt(sympy.sympify("x**2"), evaluate=True)))
print(str(sympy.sqrt(sympy.sympify("4"), evaluate=False)))
print(str(sympy.expand(sympy.sympify("(x + 1)*(x - 2)"), mul=True, power_exp=False)))
print(str(sympy.Rational(6, 8)))
print(str(sympy.nsimplify(sympy.sympify("0.3333333"), tolerance=0.001)))
