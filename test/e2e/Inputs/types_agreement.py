"""The plugin accepts a C++ type for a Python type only where the runtime converts it.

Generated inputs: for every pair of a Python type (a parameter or result annotation of a
generated module) and a C++ type, a stub is compiled with the plugin; then every pair it
accepts is run. An accepted argument must reach Python as a value of the annotated type; an
accepted result must convert from every sample value of the annotated type. A few pairs
the plugin must accept and must reject keep the test from passing vacuously.

Results are sampled with values of the annotation; a Python int that does not fit the C++
integer is a range error the runtime reports by design (ints are unbounded), not a mismatch.

    types_agreement.py --clangxx CLANGXX --cxxflags FLAGS --ldflags FLAGS --workdir DIR
"""

import argparse
import os
import re
import shlex
import subprocess
import sys
import textwrap

# Python annotation -> (a check of an argument that arrived, sample results or None).
PYTHON_TYPES = {
    "int": ("isinstance(v, int) and not isinstance(v, bool)", ["0", "-5", "2**40"]),
    "float": ("isinstance(v, (int, float)) and not isinstance(v, bool)", ["1.5", "2"]),
    "complex": ("isinstance(v, (int, float, complex)) and not isinstance(v, bool)",
                ["1+2j"]),
    "bool": ("isinstance(v, bool)", ["True"]),
    "str": ("isinstance(v, str)", ["'h\\u00e9llo'"]),
    "bytes": ("isinstance(v, (bytes, bytearray))", ["b'ab'"]),
    "None": ("v is None", None),
    "list[int]": ("isinstance(v, list) and all(type(x) is int for x in v)", ["[1, 2]"]),
    "list[str]": ("isinstance(v, list) and all(isinstance(x, str) for x in v)", ["['a']"]),
    "tuple[int, str]": ("isinstance(v, tuple) and len(v) == 2 and type(v[0]) is int "
                        "and isinstance(v[1], str)", ["(1, 'a')"]),
    "tuple[int, ...]": ("isinstance(v, tuple) and all(type(x) is int for x in v)",
                        ["(1, 2, 3)", "()"]),
    "dict[str, int]": ("isinstance(v, dict) and all(isinstance(k, str) and type(x) is int "
                       "for k, x in v.items())", ["{'a': 1}"]),
    "set[int]": ("isinstance(v, set) and all(type(x) is int for x in v)", ["{1, 2}"]),
    "frozenset[str]": ("isinstance(v, (set, frozenset)) and all(isinstance(x, str) "
                       "for x in v)", ["frozenset({'a'})"]),
    "Sequence[int]": ("isinstance(v, abc.Sequence) and all(type(x) is int for x in v)",
                      ["[1, 2]", "(3, 4)"]),
    "Sequence[str]": ("isinstance(v, abc.Sequence) and all(isinstance(x, str) for x in v)",
                      ["['a']", "('b', 'c')"]),
    "Iterable[str]": ("isinstance(v, abc.Iterable) and all(isinstance(x, str) for x in v)",
                      ["['a']", "('b',)", "{'c'}"]),
    "Mapping[str, float]": ("isinstance(v, abc.Mapping) and all(isinstance(k, str) and "
                            "isinstance(x, (int, float)) for k, x in v.items())",
                            ["{'x': 1.0}"]),
    "Optional[int]": ("v is None or (isinstance(v, int) and not isinstance(v, bool))",
                      ["None", "3"]),
    "Union[int, str]": ("isinstance(v, (int, str)) and not isinstance(v, bool)", ["1", "'a'"]),
    "numbers.Real": ("isinstance(v, numbers.Real)", ["1.5"]),
    "SupportsIndex": ("hasattr(type(v), '__index__')", ["3"]),
    "SupportsFloat": ("hasattr(type(v), '__float__')", ["2.5"]),
    "datetime.datetime": ("isinstance(v, datetime.datetime)",
                          ["datetime.datetime(2024, 1, 2, 3, 4, 5, "
                           "tzinfo=datetime.timezone.utc)"]),
    "datetime.timedelta": ("isinstance(v, datetime.timedelta)",
                           ["datetime.timedelta(seconds=90)"]),
    "Literal['a', 'b']": ("v in ('a', 'b')", ["'a'"]),
}

# C++ type -> an argument of that type.
CPP_TYPES = {
    "bool": "true",
    "int": "7",
    "long": "7L",
    "unsigned": "7u",
    "double": "2.5",
    "float": "2.5f",
    "std::string": "std::string(\"a\")",
    "std::string_view": "std::string_view(\"a\")",
    "const char *": "\"a\"",
    "pybridge::Bytes": "pybridge::Bytes{std::byte{97}}",
    "std::complex<double>": "std::complex<double>(1, 2)",
    "std::nullptr_t": "nullptr",
    "std::vector<long>": "std::vector<long>{1, 2}",
    "std::vector<double>": "std::vector<double>{1.5}",
    "std::vector<std::string>": "std::vector<std::string>{\"a\"}",
    "std::set<long>": "std::set<long>{1, 2}",
    "std::set<std::string>": "std::set<std::string>{\"a\"}",
    "std::map<std::string, long>": "std::map<std::string, long>{{\"a\", 1}}",
    "std::map<std::string, double>": "std::map<std::string, double>{{\"a\", 1.5}}",
    "std::tuple<long, std::string>": "std::tuple<long, std::string>{1, \"a\"}",
    "std::pair<long, long>": "std::pair<long, long>{1, 2}",
    "std::optional<long>": "std::optional<long>(5)",
    "std::variant<long, std::string>": "std::variant<long, std::string>(5L)",
    "std::chrono::system_clock::time_point":
        "std::chrono::system_clock::time_point(std::chrono::seconds(1700000000))",
    "std::chrono::seconds": "std::chrono::seconds(90)",
}

# (C++ type, Python type): what the plugin must accept (True) or reject (False) as an
# argument, so that an empty acceptance list cannot pass.
MUST = [
    ("long", "int", True), ("double", "float", True), ("long", "float", True),
    ("std::vector<long>", "Sequence[int]", True), ("std::pair<long, long>", "Sequence[int]", True),
    ("std::string", "Sequence[str]", True), ("std::set<std::string>", "Iterable[str]", True),
    ("double", "numbers.Real", True), ("long", "SupportsIndex", True),
    ("std::string", "int", False), ("double", "SupportsIndex", False), ("bool", "int", False),
    ("std::set<long>", "Sequence[int]", False), ("std::vector<long>", "tuple[int, str]", False),
]


def identifier(text):
    return re.sub(r"\W+", "_", text).strip("_")


def write_module(workdir):
    lines = ["import collections.abc as abc, datetime, numbers",
             "from typing import *", ""]
    for i, (annotation, (check, samples)) in enumerate(PYTHON_TYPES.items()):
        lines += [f"def take_{i}(v: {annotation}) -> str:",
                  f"    return 'ok' if ({check}) else 'arrived as ' + repr(v)", ""]
        if samples:
            lines += [f"def give_{i}(k: int) -> {annotation}:",
                      f"    return [{', '.join(samples)}][k]", ""]
    with open(os.path.join(workdir, "agree_mod.py"), "w") as out:
        out.write("\n".join(lines))


def stubs():
    """(line text, kind, python index, C++ type) of every stub."""
    found = []
    for i, (annotation, (_, samples)) in enumerate(PYTHON_TYPES.items()):
        for cpp in CPP_TYPES:
            name = f"{identifier(cpp)}_{i}"
            found.append((f'[[pybridge::bind("agree_mod.take_{i}")]] std::string '
                          f"take_{name}({cpp} v);", "take", i, cpp))
            if samples:
                found.append((f'[[pybridge::bind("agree_mod.give_{i}")]] {cpp} '
                              f"give_{name}(long k);", "give", i, cpp))
    return found


HEADER = """#include <pybridge/pybridge.hpp>
#include <chrono>
#include <complex>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <variant>
"""


def accepted(args, workdir, all_stubs):
    probe = os.path.join(workdir, "probe.cpp")
    first = HEADER.count("\n") + 1
    with open(probe, "w") as out:
        out.write(HEADER + "\n".join(line for line, *_ in all_stubs) + "\n")
    run = subprocess.run([args.clangxx, *shlex.split(args.cxxflags), "-fsyntax-only",
                          "-ferror-limit=0", probe], capture_output=True, text=True,
                         env=dict(os.environ, PYTHONPATH=workdir))
    failed = {int(m.group(1)) for m in re.finditer(r"probe\.cpp:(\d+):\d+: error", run.stderr)}
    if "error: cannot check" in run.stderr or "no module named" in run.stderr:
        sys.exit("describing the generated module failed:\n" + run.stderr[:2000])
    return [stub for index, stub in enumerate(all_stubs) if first + index not in failed]


def run_accepted(args, workdir, good):
    calls = []
    for line, kind, i, cpp in good:
        name = re.search(r"\b((?:take|give)_\w+)\(", line).group(1)
        label = f"{cpp} / {list(PYTHON_TYPES)[i]}"
        if kind == "take":
            calls.append(f'  check("{label} (argument)", [&] {{ std::string r = {name}('
                         f'{CPP_TYPES[cpp]}); if (r != "ok") throw std::runtime_error(r); }});')
        else:
            for k in range(len(PYTHON_TYPES[list(PYTHON_TYPES)[i]][1])):
                calls.append(f'  check("{label} (result {k})", [&] {{ (void){name}({k}); }});')
    program = os.path.join(workdir, "run.cpp")
    with open(program, "w") as out:
        out.write(HEADER + "\n".join(line for line, *_ in good) + textwrap.dedent("""
            int failures = 0;
            template <class F> void check(const char *what, F f) {
              try { f(); } catch (const std::exception &e) {
                bool range = std::string(e.what()).find("does not fit in") != std::string::npos;
                failures += range ? 0 : 1;
                std::cout << (range ? "RANGE " : "MISMATCH ") << what << ": " << e.what() << "\\n";
              }
            }
            int main() {
            """) + "\n".join(calls) + "\n  return failures ? 1 : 0;\n}\n")
    binary = os.path.join(workdir, "run")
    subprocess.run([args.clangxx, *shlex.split(args.cxxflags), program, "-o", binary,
                    *shlex.split(args.ldflags)], check=True, env=dict(os.environ,
                                                                      PYTHONPATH=workdir))
    done = subprocess.run([binary], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=workdir))
    return done.returncode, done.stdout + done.stderr, len(calls)


def main():
    parser = argparse.ArgumentParser()
    for flag in ("--clangxx", "--cxxflags", "--ldflags", "--workdir"):
        parser.add_argument(flag, required=True)
    args = parser.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    write_module(args.workdir)
    all_stubs = stubs()
    good = accepted(args, args.workdir, all_stubs)
    names = list(PYTHON_TYPES)
    takes = {(cpp, names[i]) for _, kind, i, cpp in good if kind == "take"}
    wrong = [(cpp, py, want) for cpp, py, want in MUST if ((cpp, py) in takes) != want]
    if wrong:
        sys.exit(f"the plugin decided these pairs the wrong way: {wrong}")
    status, output, count = run_accepted(args, args.workdir, good)
    print(f"{len(all_stubs)} stubs, {len(good)} accepted, {count} calls run")
    print(output, end="")
    sys.exit(status)


if __name__ == "__main__":
    main()
