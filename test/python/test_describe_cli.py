"""`python -m pybridge_agent describe`: stdout carries the descriptor and nothing else."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def run_describe(directory, path):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [*env.get("PYTHONPATH", "").split(os.pathsep), str(REPO / "python"), str(directory)])
    return subprocess.run([sys.executable, "-m", "pybridge_agent", "describe", path],
                          capture_output=True, text=True, env=env, timeout=120)


def test_library_output_goes_to_stderr(tmp_path):
    """Whatever a library writes to fd 1 while it is described: print at import and from a
    lazy __getattr__, os.write, a child process, C code (libc's puts via ctypes)."""
    (tmp_path / "pb_cli_noisy.py").write_text(textwrap.dedent("""
        import ctypes, os, subprocess, sys
        print('{"schema": 1, "module": "fake"}')
        os.write(1, b"raw bytes to fd 1\\n")
        subprocess.run([sys.executable, "-c", "print('from a child')"], check=True)
        libc = ctypes.CDLL(None)
        libc.puts(b"from C")
        libc.fflush(None)
        __all__ = ["add", "lazy"]

        def add(a: int, b: int) -> int:
            return a + b

        def __getattr__(name):
            if name == "lazy":
                print("loading lazy backend")
                return 42
            raise AttributeError(name)
    """))
    result = run_describe(tmp_path, "pb_cli_noisy")
    assert result.returncode == 0, result.stderr
    descriptor = json.loads(result.stdout)
    assert descriptor["module"] == "pb_cli_noisy"
    assert set(descriptor["root"]["members"]) == {"add", "lazy"}
    for noise in ('"module": "fake"', "raw bytes to fd 1", "from a child", "from C",
                  "loading lazy backend"):
        assert noise in result.stderr
        assert noise not in result.stdout


def test_descriptor_fd_is_not_inherited(tmp_path):
    """A child the library starts gets stderr as its stdout, and no handle on the JSON's."""
    (tmp_path / "pb_cli_child.py").write_text(textwrap.dedent("""
        import os, subprocess, sys
        subprocess.run([sys.executable, "-c",
                        "import os; print(sorted(int(fd) for fd in os.listdir('/proc/self/fd')))"],
                       check=True, close_fds=False)
        def f() -> None: ...
    """))
    result = run_describe(tmp_path, "pb_cli_child")
    assert result.returncode == 0, result.stderr
    json.loads(result.stdout)
    child_fds = json.loads(next(line for line in result.stderr.splitlines()
                                if line.startswith("[")))
    assert set(child_fds) <= {0, 1, 2, 3}  # 3: the child's own listdir handle


def describe_error(result):
    """The failure the command reported on stdout (one JSON line), checked for its envelope."""
    assert result.returncode == 2, result.stderr
    line = result.stdout.strip()
    assert "\n" not in line
    error = json.loads(line)["describe_error"]
    assert error["message"] in result.stderr  # people read it there
    return error


def test_failures_are_reported_as_kind_and_fields(tmp_path):
    """The plugin reads a failure's kind and fields, never its English message."""
    missing = describe_error(run_describe(tmp_path, "statistcs.median"))
    assert missing["kind"] == "module_not_found"
    assert missing["path"] == "statistcs.median"
    assert missing["module"] == "statistcs"
    assert "statistics" in missing["close_names"]

    (tmp_path / "pb_cli_broken.py").write_text("raise ValueError('broken | on purpose')\n")
    broken = describe_error(run_describe(tmp_path, "pb_cli_broken.f"))
    assert broken["kind"] == "import_failed"
    assert (broken["module"], broken["exception"], broken["detail"]) == \
        ("pb_cli_broken", "ValueError", "broken | on purpose")


def test_allowlist_refusal_names_the_module(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pybridge_agent", "describe", "statistics.median",
         "--allow", "json"],
        capture_output=True, text=True, timeout=120,
        env=dict(os.environ, PYTHONPATH=str(REPO / "python")))
    refused = describe_error(result)
    assert refused["kind"] == "not_allowed"
    assert refused["module"] == "statistics.median"
