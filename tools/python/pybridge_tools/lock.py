"""pybridge-lock: writes pybridge.lock, which pins the Python API a build was checked against
(docs/tools.md). The plugin's -fplugin-arg-pybridge-locked=FILE (CMake: PYBRIDGE_LOCK_FILE)
then fails a build, naming each changed symbol, when the installed library no longer matches.

    {"pybridge_lock": 1,
     "modules": {"statistics": {"library_version": "3.11.2", "python": "3.11.2",
                                "fingerprint": {"module_hash": "5db5..."},
                                "symbols": {"median": {<descriptor symbol, no docstrings>}}}}}

The fingerprint is an object of named kinds, so another kind can join the module hash later;
the plugin compares the kinds it knows.
"""
import json
import os
import subprocess
import sys

from .describing import (ToolError, describe, fingerprint, member_name, sibling_tool,
                         tool_parser, without_docs)

SCHEMA = 1
USAGE = """\
NAME
    pybridge-lock - pin the Python API a build uses, for CI

SYNOPSIS
    pybridge-lock [-p BUILD-DIR] [SOURCE...] [-o FILE] [--update] [-- COMPILER-ARGS]

DESCRIPTION
    Finds every Python symbol the stubs of SOURCE... bind (with pybridge-check --list-bound
    over the compilation database BUILD-DIR/compile_commands.json; all of its files when no
    SOURCE is given), describes each symbol's module as installed now, and writes the lock
    file: per module the library version, its fingerprint (the module hash the plugin compiles
    into binaries) and the description of every bound symbol, docstrings aside.

    Compile with -fplugin-arg-pybridge-locked=FILE (CMake: -DPYBRIDGE_LOCK_FILE=FILE) and the
    build fails, naming each changed symbol, when the installed library differs from the lock
    or a stub binds a symbol the lock does not hold. Offline, a cached descriptor that cannot
    be shown to describe the installed module (a committed cache) fails the build too.

OPTIONS
    -p BUILD-DIR   the build directory holding compile_commands.json
    -o FILE        the lock file (default: pybridge.lock)
    --update       rewrite an existing lock file from the sources and libraries as they are
    -h, --help     this text
    Arguments after `--` are compiler arguments for sources without a compilation database.

EXIT STATUS
    0 the lock was written; 1 the stubs do not compile (pybridge-check's errors are shown);
    2 bad usage, a lock file that exists without --update, a module that cannot be described.

EXAMPLES
    pybridge-lock -p build -o pybridge.lock
    pybridge-lock -p build --update
    pybridge-lock stubs.cpp -- -std=c++20 -I/opt/pybridge/include
"""


def parse_arguments(argv):
    compiler_args = []
    if "--" in argv:
        cut = argv.index("--")
        argv, compiler_args = argv[:cut], argv[cut + 1:]
    parser = tool_parser("pybridge-lock", USAGE)
    parser.add_argument("sources", nargs="*")
    parser.add_argument("-p", dest="build")
    parser.add_argument("-o", dest="output", default="pybridge.lock")
    parser.add_argument("--update", action="store_true")
    args = parser.parse_args(argv)
    args.compiler_args = compiler_args
    if not args.build and not compiler_args:
        parser.error("give -p BUILD-DIR, or compiler arguments after --")
    return args


def database_sources(build):
    path = os.path.join(build, "compile_commands.json")
    try:
        with open(path, encoding="utf-8") as handle:
            entries = json.load(handle)
    except (OSError, json.JSONDecodeError) as error:
        raise ToolError(f"cannot read '{path}': {error}")
    return sorted({os.path.join(e.get("directory", ""), e["file"]) for e in entries if "file" in e})


def bound_symbols(args):
    """{module: {paths}} of what the stubs bind, as pybridge-check finds them."""
    sources = args.sources or (database_sources(args.build) if args.build else [])
    if not sources:
        raise ToolError("no source files to look for stubs in")
    command = [sibling_tool("pybridge-check"), "--list-bound", "--no-lock"]
    command += (["-p", args.build] if args.build else []) + sources
    if args.compiler_args:
        command += ["--"] + args.compiler_args
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(1)
    bound = {}
    for line in done.stdout.splitlines():
        module, _, path = line.partition("\t")
        if path:
            bound.setdefault(module, set()).add(path)
    return bound


def lock_entry(module, paths):
    descriptor = describe(module)
    members = descriptor["root"].get("members", {})
    symbols = {}
    for path in sorted(paths):
        name = member_name(module, path)
        if name in members:
            symbols[name] = without_docs(members[name])
    return {"library_version": descriptor.get("library_version"),
            "python": descriptor.get("python", {}).get("version"),
            "fingerprint": {"module_hash": fingerprint(descriptor)},
            "symbols": symbols}


def main(argv):
    args = parse_arguments(argv)
    try:
        if os.path.exists(args.output) and not args.update:
            raise ToolError(f"'{args.output}' exists; --update rewrites it")
        bound = bound_symbols(args)
        lock = {"pybridge_lock": SCHEMA,
                "modules": {module: lock_entry(module, paths)
                            for module, paths in sorted(bound.items())}}
    except ToolError as error:
        print(f"pybridge-lock: error: {error}", file=sys.stderr)
        return 2
    temporary = args.output + ".tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(lock, handle, indent=1, sort_keys=True)
        handle.write("\n")
    os.replace(temporary, args.output)
    count = sum(len(m["symbols"]) for m in lock["modules"].values())
    print(f"pybridge-lock: {args.output}: {count} symbol{'s' * (count != 1)} of "
          f"{len(lock['modules'])} module{'s' * (len(lock['modules']) != 1)}", file=sys.stderr)
    return 0
