"""Writes a README section's shell block (without its first line, the build and install, which
the test does itself) as readme.sh and its C++ block as main.cpp, with $HOME/pybridge replaced
by the test's prefix.

Usage: readme_section.py README TITLE WORKDIR PREFIX
"""
import os
import re
import sys

readme, title, workdir, prefix = sys.argv[1:5]
text = open(readme, encoding="utf-8").read()
section = text[text.index("## " + title):]
section = section[:section.index("\n## ", 3)]
blocks = dict((lang, body) for lang, body in re.findall(r"```(\w+)\n(.*?)```", section, re.S))
commands = blocks["sh"].replace('"$HOME/pybridge"', prefix).replace("$HOME/pybridge", prefix)
with open(os.path.join(workdir, "readme.sh"), "w", encoding="utf-8") as out:
    out.write("\n".join(commands.splitlines()[1:]) + "\n")
with open(os.path.join(workdir, "main.cpp"), "w", encoding="utf-8") as out:
    out.write(blocks["cpp"])
