"""Descriptors as the plugin gets them: the agent's `describe --module-hash PATH`, started as
runtime/src/launch.hpp starts it for the plugin and the workers (the launcher script beside the
agent, the agent first on PYTHONPATH, the user's entries made absolute, the same interpreter
choice), and the plugin's cache files (<cache-dir>/<module>.json, which are the agent's JSON
with a header of cache_* members)."""
import argparse
import json
import os
import subprocess
import sys


class ToolError(Exception):
    """A failure the tool reports as one line on stderr (and exit status 2)."""


def agent_path():
    path = os.environ.get("PYBRIDGE_AGENT_PATH")
    if not path or not os.path.isfile(os.path.join(path, "pybridge_agent", "__main__.py")):
        raise ToolError("cannot find the PyBridge agent (PYBRIDGE_AGENT_PATH is not set to "
                        "share/pybridge/python; run the tool from PyBridge's bin/)")
    return path


def python():
    """The interpreter that describes modules: PYBRIDGE_PYTHON, else the active virtual
    environment's, else the one PyBridge was built with (the launcher runs this tool under it)."""
    if os.environ.get("PYBRIDGE_PYTHON"):
        return os.environ["PYBRIDGE_PYTHON"]
    venv = os.environ.get("VIRTUAL_ENV")
    if venv and os.path.exists(os.path.join(venv, "bin", "python")):
        return os.path.join(venv, "bin", "python")
    return sys.executable


def _absolute_search_path(value):
    """Every entry absolute; an empty one is the working directory, as Python reads it."""
    return os.pathsep.join(os.path.abspath(p) if p else os.getcwd()
                           for p in value.split(os.pathsep))


def describe(path):
    """The descriptor (a dict) of the module holding `path`, as the plugin would get it."""
    env = dict(os.environ)
    user = _absolute_search_path(env["PYTHONPATH"]) if env.get("PYTHONPATH") else ""
    env["PYTHONPATH"] = agent_path() + (os.pathsep + user if user else "")
    if env.get("PYBRIDGE_STUB_PATH"):
        env["PYBRIDGE_STUB_PATH"] = _absolute_search_path(env["PYBRIDGE_STUB_PATH"])
    env["PYTHONUNBUFFERED"] = "1"
    launcher = os.path.join(agent_path(), "pybridge_agent_main.py")
    done = subprocess.run([python(), launcher, "describe", "--module-hash", path], env=env,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if done.returncode != 0:
        lines = [line for line in done.stderr.strip().splitlines() if line.strip()]
        why = lines[-1] if lines else f"the agent exited with {done.returncode}"
        raise ToolError(f"cannot describe '{path}': {why}")
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError as error:
        raise ToolError(f"cannot describe '{path}': the agent printed no descriptor ({error})")


def tool_parser(prog, manual):
    """An argument parser whose -h/--help prints the tool's manual page and exits with 0."""

    class Manual(argparse.Action):
        def __call__(self, parser, namespace, values, option_string=None):
            print(manual, end="")
            sys.exit(0)

    parser = argparse.ArgumentParser(prog=prog, usage=manual, add_help=False)
    parser.add_argument("-h", "--help", nargs=0, action=Manual)
    return parser


def read_json(file, what, fix=""):
    """The JSON in `file`; a ToolError naming the file (and `what` it should be) otherwise."""
    try:
        with open(file, encoding="utf-8") as handle:
            return json.load(handle)
    except OSError as error:
        raise ToolError(f"cannot read '{file}': {error.strerror}")
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ToolError(f"'{file}' is not {what} (not JSON: {error}){fix}")


def read_cache_file(file):
    """A cached descriptor (the plugin's <module>.json) as a dict, without the cache_* header."""
    data = read_json(file, "a descriptor", "; delete it, or run pybridge-clean")
    if not isinstance(data, dict) or not isinstance(data.get("root"), dict) or "module" not in data:
        raise ToolError(f"'{file}' is not a descriptor (no module or root); delete it, or run "
                        f"pybridge-clean")
    return {key: value for key, value in data.items() if not key.startswith("cache_")}


def fingerprint(descriptor):
    """What identifies the library a descriptor was made from: the hash a worker computes for
    the module (what binaries carry), else the descriptor's hash."""
    return descriptor.get("module_hash") or descriptor.get("hash")


def without_docs(value):
    """A symbol's JSON without docstrings (not API; the plugin's lock check skips them too)."""
    if isinstance(value, dict):
        return {k: without_docs(v) for k, v in value.items() if k != "doc"}
    if isinstance(value, list):
        return [without_docs(v) for v in value]
    return value


def member_name(module, path):
    """The module member a bound path goes through ("median" for "statistics.median", "str"
    for the builtin "str.upper"); as clang-plugin/LockFile.cpp reads it."""
    rest = path[len(module) + 1:] if path.startswith(module + ".") else path
    return rest.split(".")[0]


def sibling_tool(name):
    """A tool installed beside this one (bin/), e.g. pybridge-check."""
    config = os.environ.get("PYBRIDGE_CONFIG")
    if config:
        candidate = os.path.join(os.path.dirname(config), name)
        if os.access(candidate, os.X_OK):
            return candidate
    import shutil
    found = shutil.which(name)
    if not found:
        raise ToolError(f"cannot find {name} (run the tool from PyBridge's bin/)")
    return found
