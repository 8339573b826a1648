import textwrap

text = ("PyBridge lets a C++ program call Python libraries through ordinary declarations that "
        "the compiler checks against the real Python API.")
wrapper = textwrap.TextWrapper(40)
print(f"width {wrapper.width}, break long words {1 if wrapper.break_long_words else 0}")
for line in wrapper.wrap(text):
    print(f"|{line}|")
wrapper.width = 30
wrapper.initial_indent = "* "
wrapper.subsequent_indent = "  "
print(f"indent '{wrapper.initial_indent}'\n{wrapper.fill(text)}")
print(textwrap.shorten(text, 50, placeholder=" [...]"))
print(textwrap.dedent("    indented\n      more\n    back\n"), end="")
