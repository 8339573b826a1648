import difflib as dl

before = ["one", "two", "three", "four"]
after = ["one", "2", "three", "four", "five"]
for line in dl.unified_diff(before, after, "before", "after", n=1, lineterm=""):
    print(line)
for word in dl.get_close_matches("appel", ["ape", "apple", "peach", "puppy"]):
    print("close:", word)
matcher = dl.SequenceMatcher(None, ["a", "b", "c", "d"], ["a", "c", "d", "e"])
print("ratio %.6f" % matcher.ratio())
for tag, i1, i2, j1, j2 in matcher.get_opcodes():
    print(tag, i1, i2, j1, j2)
