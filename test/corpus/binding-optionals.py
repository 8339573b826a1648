import statistics


def show(parts):
    print("".join(f"[{part}]" for part in parts))


def num(x):
    """As C++'s ostream prints a double (6 significant digits, no trailing zeros)."""
    return "%g" % x


show("a  b c d".split(maxsplit=2))
show("a,b,,c".split(",", -1))
print("mid".center(9) + "|" + "mid".center(9, "*"))
print(num(round(2.675, 2)) + " " + num(round(7.5)))
print(f"{int('ff', 16)} {int('777', 8)}")
data = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
print("".join(num(q) + " " for q in statistics.quantiles(data)))
print("".join(num(q) + " " for q in statistics.quantiles(data, n=5, method="inclusive")))
