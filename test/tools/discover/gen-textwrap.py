import textwrap as tw

text = ("The quick brown fox jumps over the lazy dog, then naps in the warm sun "
        "until the farmer calls everyone in for supper.")
for line in tw.wrap(text, 30):
    print(f"[{line}]")
print(tw.shorten(text, 40))
print(tw.indent("alpha\nbeta\n", "> "), end="")
print(tw.dedent("    def f():\n        return 1\n"), end="")
wrapper = tw.TextWrapper(24, "* ", "  ")
print(wrapper.fill(text))
print("width %d" % wrapper.width)
