import re

flags = re.IGNORECASE | re.MULTILINE
print(f"flags {flags.value} ({flags.name or '?'})")
version = re.compile(r"^(\w+)\s+v?(\d+\.\d+)", flags)
print(f"groups {version.groups}, flags {version.flags}")
text = "Clang v19.1\nPython 3.11\nno version here\nGCC V12.2"
first = version.match(text)
if first is not None:
    tool, number = first.groups()
    begin, end = first.span(2)
    print(f"first {tool} {number} at {begin}..{end}")
for m in version.finditer(text):
    print(f"found {m.group(1)} -> {m.group(2)}")
print(f"search miss {1 if version.search('!!') is not None else 0}")
print(version.sub(r"\1=\2", text))
