import collections

counts = collections.Counter("the cat and the hat and the bat".split())
counts.update("the end".split())
print(f"total {counts.total()}, distinct {len(counts)}, the {counts['the']}, dog {counts['dog']}")
for word, n in counts.most_common(3):
    print(word, n)
counts.subtract({"the": 3, "and": 1})
print("keys:" + "".join(f" {w}" for w in sorted(counts)))
print("after subtract:" + "".join(f" {w}={n}" for w, n in sorted(dict(counts).items())))
all_items = list(counts.elements())
print(f"elements: {len(all_items)} items, first {all_items[0]}")
