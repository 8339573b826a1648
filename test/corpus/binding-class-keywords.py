import collections
import difflib
import fractions

m = difflib.SequenceMatcher(a="abcd", b="bcde", autojunk=False)
print("%g" % m.ratio())
print("".join(f"({i} {j} {n}) " for i, j, n in m.get_matching_blocks()))
d = collections.deque([1, 2, 3], maxlen=3)
d.append(4)
d.rotate(1)
print("".join(f"{x} " for x in list(d)))
print(str(fractions.Fraction(6, 8)))
print(str(fractions.Fraction("3.14159").limit_denominator(100)))
