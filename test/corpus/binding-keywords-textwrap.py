import textwrap

text = "The quick brown fox jumps over the lazy dog near the riverbank"
print(textwrap.shorten(text, 30, placeholder=" [more]"))
print(textwrap.fill(text, width=24, initial_indent="> "))
for line in textwrap.wrap("supercalifragilistic expialidocious", 8, break_long_words=False):
    print(f"|{line}|")
print(textwrap.indent("one\ntwo\n", "- "), end="")
