import re

print(re.sub("[aeiou]", "_", "programming", count=2))
print("".join(f"[{part}]" for part in re.split(r",\s*", "a, b,c,   d", maxsplit=2)))
print("".join(f"{n} " for n in re.findall(r"\d+", "12 apples and 345 pears")))
print("aaaa".replace("a", "b", 3))
print(len("one\ntwo\n".splitlines(keepends=True)))
print("7".rjust(3, "0") + "|" + "a\tb".expandtabs(tabsize=4))
