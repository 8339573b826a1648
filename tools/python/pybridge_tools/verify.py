"""Compiles a generated header with the plugin, as a user's file including it would be, and
drops each declaration the compiler reports an error or a warning for (found by the line of the
diagnostic, or of the note that leads back to the header), until it compiles cleanly."""
import os
import re
import shutil
import subprocess
import tempfile

from .describing import ToolError

DIAGNOSTIC = re.compile(r"^(?P<file>.+?):(?P<line>\d+):\d+: (?P<level>error|warning|fatal error|"
                        r"note): (?P<message>.*?)(?: \[-W[^\]]+\])?$")
ROUNDS = 8


def compiler_command():
    """clang++ and the flags of this PyBridge (pybridge-config beside the tool)."""
    config = os.environ.get("PYBRIDGE_CONFIG") or shutil.which("pybridge-config")
    if not config:
        raise ToolError("cannot find pybridge-config to compile the header with (--no-verify "
                        "skips the check)")
    flags = subprocess.run([config, "--cxx", "--cxxflags"], capture_output=True, text=True,
                           check=True).stdout.split()
    return flags[:1] + ["-std=c++20", "-Wall", "-Wextra", "-fsyntax-only", "-ferror-limit=0",
                        "-fno-color-diagnostics", "-fno-caret-diagnostics",
                        "-fno-diagnostics-show-option"] + flags[1:]


def rejected(header_file, output, owners):
    """{path: first message} for the diagnostics of the compiler's output."""
    found, pending = {}, None
    for line in output.splitlines():
        match = DIAGNOSTIC.match(line)
        if not match:
            continue
        in_header = os.path.basename(match["file"]) == os.path.basename(header_file)
        if match["level"] != "note":
            pending = match["message"]
        if in_header and pending:
            owner = next((path for first, last, path in owners
                          if first <= int(match["line"]) <= last), None)
            if owner is None:
                raise ToolError(f"the generated header does not compile (line {match['line']}: "
                                f"{pending}); please report this")
            found.setdefault(owner, pending)
            pending = None
    return found


def verify(rebuild, header, dropped, cache_dir, basename):
    command = compiler_command() + [f"-fplugin-arg-pybridge-cache-dir={os.path.abspath(cache_dir)}"]
    with tempfile.TemporaryDirectory(prefix="pybridge-discover-") as directory:
        header_file = os.path.join(directory, basename)
        main_file = os.path.join(directory, "uses-header.cpp")
        with open(main_file, "w", encoding="utf-8") as handle:
            handle.write(f'#include "{basename}"\n')
        for _ in range(ROUNDS):
            with open(header_file, "w", encoding="utf-8") as handle:
                handle.write(header.text())
            done = subprocess.run(command + [main_file], capture_output=True, text=True)
            problems = rejected(header_file, done.stdout + done.stderr, header.owners)
            if not problems:
                if done.returncode != 0:
                    raise ToolError("the generated header does not compile:\n" + done.stderr)
                return header
            for path, message in problems.items():
                dropped[path] = message
            header = rebuild()
    raise ToolError(f"the generated header still does not compile after {ROUNDS} rounds")
