# fraction-arithmetic.cpp in Python: the output the C++ program must print.
import math
import statistics
import threading
from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction

a, b = Fraction(1, 3), Fraction(1, 6)
print(f"a + b = {a + b}")
print(f"a * b = {a * b}")
print(f"a - b = {a - b}")

harmonic = Fraction(0, 1)
for k in range(1, 11):
    harmonic = harmonic + Fraction(1, k)
print(f"H(10) = {harmonic}, floor {math.floor(harmonic)}")
print(f"H(10) ~ {harmonic.limit_denominator(100)}")

thirds = [Fraction(k, 3) for k in range(1, 5)]
print(f"mean of k/3 = {statistics.mean(thirds)}")

with ThreadPoolExecutor() as pool:
    quarter, fifth = pool.submit(Fraction, 1, 4), pool.submit(Fraction, 1, 5)
    print(f"a + 1/4 + 1/5 = {a + quarter.result() + fifth.result()}")

sums = [None] * 4


def partial_sum(t):
    total = Fraction(0, 1)
    for k in range(1, 6):
        total = total + Fraction(1, t * 5 + k)
    sums[t] = total


threads = [threading.Thread(target=partial_sum, args=(t,)) for t in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
total = sums[0]
for s in sums[1:]:
    total = total + s
print(f"H(20) = {total}")
print(f"H(20) - H(10) - 1/11 = {total - harmonic - Fraction(1, 11)}")
