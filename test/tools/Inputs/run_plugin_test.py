"""Runs one of the plugin's lit tests (test/plugin/NAME.cpp) with pybridge-check in place of
the compiler (compiler_as_check.py): its RUN lines, with the suite's substitutions (JSON in
$PYBRIDGE_LIT_SUBSTITUTIONS, set by lit.local.cfg), under bash with pipefail. Prints the
failing command and its output, and exits 1, on failure.

Usage: run_plugin_test.py PYBRIDGE_CHECK TEST.cpp TMPDIR
"""
import json
import os
import re
import shutil
import subprocess
import sys


def run_lines(path):
    lines, current = [], ""
    for line in open(path, encoding="utf-8"):
        match = re.search(r"(?://|#)\s*RUN:\s?(.*)$", line)
        if not match:
            continue
        text = match.group(1).rstrip()
        if text.endswith("\\"):
            current += text[:-1]
            continue
        lines.append(current + text)
        current = ""
    return lines


def substitute(command, substitutions):
    # Longest first, so %pybridge_cxxflags wins over a shorter name it starts with.
    for name in sorted(substitutions, key=len, reverse=True):
        command = command.replace(name, substitutions[name])
    return command


def main(argv):
    check, test, tmp = argv[1], argv[2], argv[3]
    substitutions = json.loads(os.environ["PYBRIDGE_LIT_SUBSTITUTIONS"])
    as_check = os.path.join(os.path.dirname(__file__), "compiler_as_check.py")
    python = substitutions["%pybridge_python"]
    substitutions["%clangxx"] = f"{python} {as_check} {check} {substitutions['%clangxx']}"
    substitutions.update({"%s": test, "%S": os.path.dirname(test), "%t": tmp})
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(os.path.dirname(tmp), exist_ok=True)
    for command in run_lines(test):
        command = substitute(command, substitutions)
        done = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True,
                              text=True)
        if done.returncode != 0:
            print(f"failed: {command}\n{done.stdout}{done.stderr}")
            return 1
    print(f"passed with pybridge-check: {os.path.basename(test)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
