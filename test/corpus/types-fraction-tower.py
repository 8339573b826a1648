import math
import statistics
from fractions import Fraction


def flag(value):
    return "1" if value else "0"


third, sixth, big = Fraction(1, 3), Fraction(1, 6), Fraction("22/7")
half = third + sixth
print(f"1/3 + 1/6 = {half} ({half.numerator}/{half.denominator})")
print(f"1/3 - 1/6 = {third - sixth}")
print(f"22/7 * 1/3 = {big * third}, 22/7 / 1/6 = {big / sixth}")
print(f"1/6 < 1/3: {flag(sixth < third)}, 1/3 < 1/6: {flag(third < sixth)}")
print(f"half == 3/6: {flag(half == Fraction(3, 6))}")
print(f"floor(22/7) = {math.floor(big)}, ceil(22/7) = {math.ceil(big)}")
print(f"22/7 as double = {float(big):g}")
pi = Fraction.from_float(3.141592653589793)
print(f"pi limited to 1000 = {pi.limit_denominator(1000)}")
print(f"mean = {statistics.mean([third, sixth, big])}")
print(f"abs(1/6 - 1/3) = {abs(sixth - third)}")
