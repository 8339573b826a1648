import datetime
import random
import textwrap

print(textwrap.shorten(width=20, text="keyword order follows the names, not the positions"))
d = datetime.timedelta(hours=1.5, minutes=20)
print(f"{d} {d.total_seconds():g}")
rng = random.Random(7)
print(f"{rng.uniform(b=10.0, a=20.0):.6f}")
