#!/usr/bin/env python3
"""What checking stubs costs at compile time, in one run:

1. a translation unit with 200 bound functions, compiled with the plugin on a warm descriptor
   cache, against the same unit with hand-written bodies compiled without it
   (target: ratio <= 1.05);
2. loading a numpy-sized descriptor, as the plugin measures it (-fplugin-arg-pybridge-
   time-report; target: <= 20 ms), and all the plugin's time for a unit checking ten numpy
   functions against it (loading, member parsing, overload matching, bodies);
3. the header: `#include <pybridge/pybridge.hpp>` against `<vector>` + `<string>` +
   `<optional>` under -fsyntax-only (target: ratio <= 1.5, fastest runs of each).

    /usr/bin/python3 bench/compile_time.py [--build build] [--runs 7] [--only header]

Inputs are generated into a temporary directory and deleted afterwards.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLANGXX = "/usr/lib/llvm-19/bin/clang++"

# (Python path, C++ result, C++ parameters, arguments for the call): simple stdlib functions
# from several modules, cycled to make 200 distinct stubs.
TARGETS = [
    ("math.sqrt", "double", "double x", "2.0"),
    ("math.sin", "double", "double x", "1.0"),
    ("math.cos", "double", "double x", "1.0"),
    ("math.atan2", "double", "double y, double x", "1.0, 2.0"),
    ("math.hypot", "double", "double a, double b", "3.0, 4.0"),
    ("math.comb", "long", "long n, long k", "5, 2"),
    ("math.factorial", "long", "long n", "5"),
    ("math.isclose", "bool", "double a, double b", "1.0, 1.0"),
    ("statistics.median", "double", "std::vector<double> data", "{1.0, 2.0}"),
    ("statistics.mean", "double", "std::vector<double> data", "{1.0, 2.0}"),
    ("statistics.stdev", "double", "std::vector<double> data", "{1.0, 2.0}"),
    ("textwrap.shorten", "std::string", "std::string text, int width", "\"a b\", 10"),
    ("textwrap.dedent", "std::string", "std::string text", "\"  a\""),
    ("keyword.iskeyword", "bool", "std::string s", "\"if\""),
    ("shlex.quote", "std::string", "std::string s", "\"a b\""),
    ("shlex.split", "std::vector<std::string>", "std::string s", "\"a b\""),
    ("os.path.join", "std::string", "std::string a, std::string b", "\"a\", \"b\""),
    ("os.path.basename", "std::string", "std::string p", "\"/a/b\""),
    ("os.path.splitext", "std::pair<std::string, std::string>", "std::string p", "\"a.b\""),
    ("str.upper", "std::string", "std::string self", "\"a\""),
]
COUNT = 200

NUMPY_UNIT = """#include <pybridge/pybridge.hpp>
[[pybridge::bind("numpy.mean")]] double mean(std::vector<double> a);
[[pybridge::bind("numpy.median")]] double median(std::vector<double> a);
[[pybridge::bind("numpy.std")]] double stdev(std::vector<double> a);
[[pybridge::bind("numpy.zeros")]] pybridge::NDArray zeros(long shape);
[[pybridge::bind("numpy.ones")]] pybridge::NDArray ones(long shape);
[[pybridge::bind("numpy.arange")]] pybridge::NDArray arange(long stop);
[[pybridge::bind("numpy.dot")]] pybridge::NDArray dot(pybridge::NDArray a, pybridge::NDArray b);
[[pybridge::bind("numpy.sqrt")]] pybridge::NDArray root(pybridge::NDArray x);
[[pybridge::bind("numpy.unique")]] pybridge::NDArray unique(std::vector<long> ar);
[[pybridge::bind("numpy.linspace")]] pybridge::NDArray linspace(double start, double stop);
"""


def stubs(bodies: bool, hashes: dict[str, str]) -> str:
    """The benchmark unit: 200 bound declarations, or the same functions written by hand."""
    lines = ["#include <pybridge/pybridge.hpp>", ""]
    calls = []
    for i in range(COUNT):
        path, result, params, args = TARGETS[i % len(TARGETS)]
        name = f"f{i}"
        if bodies:
            module = "builtins" if path.startswith("str.") else path.rsplit(".", 1)[0]
            names = ", ".join(p.split()[-1] for p in params.split(", "))
            site = f"{path}||{module}@{hashes.get(module, '')}"
            lines.append(f"inline {result} {name}({params}) {{ return "
                         f"::pybridge::detail::invoke<{result}>(\"{site}\", {names}); }}")
        else:
            lines.append(f"[[pybridge::bind(\"{path}\")]] {result} {name}({params});")
        calls.append(f"  (void){name}({args});")
    lines += ["", "void use_all() {", *calls, "}", ""]
    return "\n".join(lines)


HEADER_UNIT = "#include <pybridge/pybridge.hpp>\n"
BASELINE_UNIT = "#include <vector>\n#include <string>\n#include <optional>\n"


def header_cost(work: Path, runs: int, env: dict[str, str]) -> None:
    """pybridge.hpp against the standard headers nearly every binding file includes anyway."""
    units = {}
    for name, text in (("header", HEADER_UNIT), ("baseline", BASELINE_UNIT)):
        units[name] = work / f"{name}.cpp"
        units[name].write_text(text)
    command = [CLANGXX, "-std=c++20", "-fsyntax-only", f"-I{ROOT / 'runtime' / 'include'}"]
    times: dict[str, list[float]] = {"header": [], "baseline": []}
    for _ in range(runs):  # interleaved, so load on the machine hits both alike
        for name, unit in units.items():
            times[name].append(compile_cpu(command + [str(unit)], env))
    lines = {}
    for name, unit in units.items():
        result = subprocess.run([CLANGXX, "-std=c++20", "-E", f"-I{ROOT / 'runtime' / 'include'}",
                                 str(unit)], env=env, check=True, capture_output=True, text=True)
        lines[name] = result.stdout.count("\n")
    header_s, baseline_s = min(times["header"]), min(times["baseline"])
    print(f"#include <pybridge/pybridge.hpp>, -fsyntax-only: {header_s * 1000:.0f} ms CPU against "
          f"{baseline_s * 1000:.0f} ms for <vector> + <string> + <optional>: ratio "
          f"{header_s / baseline_s:.2f} (target <= 1.5) [fastest of {runs}; "
          f"{lines['header'] / 1000:.1f}k against {lines['baseline'] / 1000:.1f}k "
          f"preprocessed lines]")


def compile_cpu(command: list[str], env: dict[str, str]) -> float:
    """The compiler's CPU time (user + system): steadier than wall time on a shared machine."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def compile_once(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def descriptor_hashes(cache: Path) -> dict[str, str]:
    """The module hashes the plugin wrote into the cache (the hand-written bodies use them too)."""
    hashes = {}
    for file in cache.glob("*.json"):
        text = file.read_text()
        match = re.search(r'"module_hash":"([0-9a-f]+)"', text) or re.search(
            r'"hash":"([0-9a-f]+)"', text)
        if match:
            hashes[file.stem] = match.group(1)
    return hashes


def load_times(remarks: str, module: str) -> list[float]:
    pattern = rf"descriptor of '{re.escape(module)}' read from the cache in ([0-9.]+) ms"
    return [float(m) for m in re.findall(pattern, remarks)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=str(ROOT / "build"), help="PyBridge build directory")
    parser.add_argument("--runs", type=int, default=7, help="timed compilations of each unit")
    parser.add_argument("--only", choices=["header"], help="run only this measurement")
    args = parser.parse_args()

    if args.only == "header":
        work = Path(tempfile.mkdtemp(prefix="pybridge-compile-bench-"))
        try:
            header_cost(work, args.runs, dict(os.environ))
            return 0
        finally:
            shutil.rmtree(work, ignore_errors=True)

    plugin = Path(args.build) / "lib" / "pybridge.so"
    if not plugin.exists():
        print(f"compile_time: {plugin} not found; build PyBridge first", file=sys.stderr)
        return 1
    work = Path(tempfile.mkdtemp(prefix="pybridge-compile-bench-"))
    try:
        cache = work / "cache"
        env = dict(os.environ)
        base = [CLANGXX, "-std=c++20", "-O0", f"-I{ROOT / 'runtime' / 'include'}", "-c"]
        with_plugin = base + [f"-fplugin={plugin}", f"-fplugin-arg-pybridge-cache-dir={cache}"]

        bound = work / "bound.cpp"
        bound.write_text(stubs(False, {}))
        # Warm the cache (this compile describes the modules), then write the same unit by hand.
        compile_once(with_plugin + [str(bound), "-o", str(work / "bound.o")], env)
        written = work / "written.cpp"
        written.write_text(stubs(True, descriptor_hashes(cache)))

        plugin_times, plain_times = [], []
        for _ in range(args.runs):  # interleaved, so load on the machine hits both alike
            plugin_times.append(compile_once(
                with_plugin + [str(bound), "-o", str(work / "bound.o")], env))
            plain_times.append(compile_once(base + [str(written), "-o", str(work / "w.o")], env))
        bound_s, written_s = statistics.median(plugin_times), statistics.median(plain_times)

        numpy_unit = work / "numpy_unit.cpp"
        numpy_unit.write_text(NUMPY_UNIT)
        report = [arg for arg in with_plugin if arg != "-c"] + [
            "-fsyntax-only", "-fplugin-arg-pybridge-time-report", str(numpy_unit)]
        subprocess.run(report, env=env, check=True, capture_output=True)  # describes numpy
        loads, totals = [], []
        for _ in range(args.runs):
            result = subprocess.run(report, env=env, check=True, capture_output=True, text=True)
            loads += load_times(result.stderr, "numpy")
            totals += [float(m) for m in re.findall(r"PyBridge bound \d+ declarations in "
                                                     r"([0-9.]+) ms", result.stderr)]
        numpy_bytes = (cache / "numpy.json").stat().st_size

        ratio = bound_s / written_s
        best_ratio = min(plugin_times) / min(plain_times)
        load_ms = statistics.median(loads)
        print(f"200 bound functions, warm cache: {bound_s * 1000:.0f} ms with the plugin, "
              f"{written_s * 1000:.0f} ms hand-written without it: ratio {ratio:.3f} "
              f"(target <= 1.05) [median of {args.runs}; fastest runs: {best_ratio:.3f}]")
        print(f"numpy descriptor ({numpy_bytes / 1e6:.1f} MB) loaded in {load_ms:.1f} ms "
              f"(target <= 20 ms) [median of {len(loads)}, min {min(loads):.1f}, "
              f"max {max(loads):.1f}]; checking 10 numpy stubs against it took "
              f"{statistics.median(totals):.1f} ms in all")
        header_cost(work, args.runs, env)
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
