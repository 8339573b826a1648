# protocols.cpp in Python: the output the C++ program must print.
import contextlib
import decimal
import itertools
import sys
from collections import Counter
from decimal import Decimal
from fractions import Fraction

import numpy


def dictionaries():
    d = dict()
    d["x"] = 1
    d["y"] = [1, 2]
    d["z"] = d["x"]
    print(f"dict {d}, size {len(d)}")
    x = d["x"]
    print(f"x = {x}, y = {d['y']}")
    print("keys:" + "".join(f" {key}" for key in d))
    del d["x"]
    print(f"after erase: has x {'x' in d}, has y {'y' in d}".replace("True", "true")
          .replace("False", "false"))
    try:
        del d["x"]
    except KeyError as error:
        print(f"erase again: KeyError: {error}")


def counters():
    c = Counter(["a", "b", "a", "c", "a", "b"])
    print(f"counter size {len(c)}, total {c.total()}, has c {str('c' in c).lower()}, "
          f"has q {str('q' in c).lower()}")
    a, q = c["a"], c["q"]
    c["d"] = 10
    del c["b"]
    print(f"a {a}, q {q}, after writes {c}")
    print("letters:" + "".join(f" {letter}" for letter in c))


def groups():
    print("groupby:" + "".join(f" {key}={''.join(group)}"
                               for key, group in itertools.groupby(["a", "a", "a", "b", "c", "c", "d"])))


def arrays():
    grid = numpy.arange(12).reshape(3, 4)
    print(f"len of a 3x4 array {len(grid)}")


def fractions():
    half, same, third = Fraction(1, 2), Fraction(2, 4), Fraction(1, 3)
    print(f"1/2 == 2/4 {str(half == same).lower()}, 1/2 == 1/3 {str(half == third).lower()}, "
          f"1/2 != 1/3 {str(half != third).lower()}")
    print(f"hash(1/3) {hash(third)}")
    print(f"distinct {len({half, same, third})}")


def scopes(path):
    file = open(path, "w")
    with file as out:
        out.write("written in a scope\n")
    print(f"closed after the scope {str(file.closed).lower()}")
    with open(path, "r") as in_:
        print(f"read back: {in_.read()}", end="")

    d = dict()
    with contextlib.suppress(LookupError):
        del d["missing"]
        print("not reached")
    print("KeyError suppressed by suppress(LookupError)")
    try:
        with contextlib.suppress(LookupError):
            raise RuntimeError("a C++ failure")
    except RuntimeError as error:
        print(f"not suppressed: {error}")

    with decimal.localcontext() as context:
        context.prec = 5
        print(f"1/7 at 5 digits {Decimal('1') / Decimal('7')}")
    print(f"1/7 after the scope {Decimal('1') / Decimal('7')}")


dictionaries()
counters()
groups()
arrays()
fractions()
scopes(sys.argv[1])
