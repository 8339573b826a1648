import difflib

matcher = difflib.SequenceMatcher()
matcher.set_seq1("private Thread currentThread;")
matcher.set_seq2("private volatile Thread currentThread;")
print(f"ratio {matcher.ratio():.4f} quick {matcher.quick_ratio():.4f}")
for a, b, size in matcher.get_matching_blocks():
    print(f"match a[{a}] b[{b}] size {size}")
for tag, i1, i2, j1, j2 in matcher.get_opcodes():
    print(f"{tag:>7} a[{i1}:{i2}] b[{j1}:{j2}]")
words = ["ape", "apple", "peach", "puppy", "applet"]
print("close to 'appel':" + "".join(f" {w}" for w in difflib.get_close_matches("appel", words, 3)))
