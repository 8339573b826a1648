from fractions import Fraction

three_quarters = Fraction(3, 4)
total = three_quarters + Fraction(5, 6)
print("sum", str(total))
print("numerator", total.numerator, "denominator", total.denominator)
print("times 2", str(total * 2))
pi = Fraction.from_float(3.141592653589793)
print("pi", str(pi.limit_denominator(1000)))
print("as float", float(three_quarters))
print("less", int(three_quarters < 0.8))
n, d = Fraction(10, 4).as_integer_ratio()
print(f"ratio {n}/{d}")
