# groupby-stream.cpp in Python: the output the C++ program must print.
import itertools

for key, group in itertools.groupby(list("AAAABBBCCDAABBB")):
    print(f"{key}: {''.join(list(group))}")

for number, group in itertools.groupby([1, 1, 2, 3, 3, 3, 1]):
    print(f"{number} x{len(list(group))}")

for key, group in itertools.groupby(list("xxxyyz")):
    print(f"{key} starts with {next(group)}")

groups = 0
for key, group in itertools.groupby(list("aabbccdd")):
    print(f"group {key} of {len(list(group))}")
    groups += 1
    if groups == 2:
        break

total = 0
for value in itertools.repeat(3, 1000):
    total += value
print(f"total {total}")
