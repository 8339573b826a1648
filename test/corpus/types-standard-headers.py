import cmath
import datetime
import json

print(json.dumps({"odd": 3, "even": 2}, sort_keys=True))
for r in (None, 7, "warm"):
    print(json.dumps(r))
for key, value in sorted(json.loads('{"b": 2, "a": 1}').items()):
    print("%s=%d" % (key, value))
for text in ("null", "42", '"cold"'):
    print(json.loads(text))
print(" ".join(sorted({"pear", "apple", "fig"})) + " ", end="")
print(" ".join(str(n) for n in sorted({3, 1, 2}, reverse=True)) + " ")
root = cmath.sqrt(complex(-4.0, 0.0))
print("%g %g" % (root.real, root.imag))
print("%.4f" % cmath.phase(complex(0.0, 1.0)))
print(str(datetime.timedelta(milliseconds=90500)))
t = datetime.datetime.fromisoformat("2024-02-29T12:30:00+00:00")
t += datetime.timedelta(hours=36)
print(t.isoformat(" "))
