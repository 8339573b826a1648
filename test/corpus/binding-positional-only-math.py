import math

print(f"{math.comb(10, 3)} {math.perm(5, 2)}")
print(f"{math.atan2(1.0, -1.0):.6f}")
print("%g" % math.copysign(3.0, -0.0))
print(f"{int(math.isclose(1.0, 1.001, rel_tol=0.01))} {int(math.isclose(1.0, 1.001, rel_tol=1e-9))}")
print(int(math.isclose(0.0, 1e-12, abs_tol=1e-9)))
print("%g" % math.log(1024.0, 2.0))
print(math.gcd(84, 126, 210))
