"""The library fingerprint behind the drift check (fingerprint.py) is the same in every process,
whatever it imported before: what `describe` records at build time is what a worker, which has
imported nothing of the library yet, computes at run time — for numpy, sympy and networkx."""

import json
import os
import subprocess
import sys
import time

import pytest

from pybridge_agent.allowlist import Allowlist
from pybridge_agent.dispatcher import Dispatcher
from pybridge_agent.fingerprint import library_fingerprint
from pybridge_agent.wire import pb

LIBRARIES = ["numpy", "sympy", "networkx"]
# Imported first by the "busy" process: the libraries themselves, in another order, and the
# modules that change what describing numpy sees (numpy.source's default output stream).
PRE_IMPORTS = "import networkx, sympy, numpy, numpy.linalg, pydoc, inspect, asyncio"


def start_describing(prelude):
    """A new process that first runs `prelude`, then describes LIBRARIES."""
    code = (f"{prelude}\nimport sys\nfrom pybridge_agent.__main__ import main\n"
            f"sys.exit(main(['describe', '--module-hash', *{LIBRARIES!r}]))")
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                            env=os.environ | {"PYTHONPATH": os.pathsep.join(sys.path)})


def descriptors(process):
    out, _ = process.communicate(timeout=600)
    assert process.returncode == 0
    return {d["module"]: d for d in map(json.loads, out.splitlines())}


def worker_fingerprint(module):
    """What a worker answers the runtime's drift check (CallRequest LIBRARY_HASH)."""
    request = pb.CallRequest(op=pb.CallRequest.LIBRARY_HASH, target=module)
    reply = Dispatcher(Allowlist.parse("")).run(request)
    assert reply.WhichOneof("outcome") != "error", reply
    return reply.result.str_value


@pytest.fixture(scope="module")
def described():
    """(fresh, busy): LIBRARIES described by a new process, and by one that imported
    PRE_IMPORTS first; the two run at once."""
    fresh, busy = start_describing(""), start_describing(PRE_IMPORTS)
    return descriptors(fresh), descriptors(busy)


@pytest.fixture
def fresh(described):
    return described[0]


@pytest.fixture
def busy(described):
    return described[1]


@pytest.mark.parametrize("library", LIBRARIES)
def test_same_fingerprint_fresh_and_pre_imported(library, fresh, busy):
    assert fresh[library]["fingerprint"] == busy[library]["fingerprint"]


@pytest.mark.parametrize("library", LIBRARIES)
def test_worker_computes_what_describe_recorded(library, fresh):
    assert worker_fingerprint(library) == fresh[library]["fingerprint"]
    # A submodule's stubs carry their library's fingerprint.
    assert worker_fingerprint(f"{library}.nonexistent_part") == fresh[library]["fingerprint"]


@pytest.mark.parametrize("library", LIBRARIES)
def test_fingerprint_files_are_descriptor_sources(library, fresh):
    """A cached descriptor is stale (its sources changed) whenever its fingerprint is."""
    files = {source["file"] for source in fresh[library]["sources"]}
    package = os.path.dirname(__import__(library).__file__)
    assert os.path.join(package, "__init__.py") in files
    assert any(file.endswith(".so") for file in files) or library != "numpy"


def test_fingerprint_follows_the_files(tmp_path, monkeypatch):
    package = tmp_path / "pb_fingerprint_probe"
    package.mkdir()
    (package / "__init__.py").write_text("def f(x):\n    return x\n")
    (package / "data.txt").write_text("not code")
    monkeypatch.syspath_prepend(str(tmp_path))
    first = library_fingerprint("pb_fingerprint_probe")
    assert library_fingerprint("pb_fingerprint_probe.sub") == first
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0")
    (package / "data.txt").write_text("other data")
    assert library_fingerprint("pb_fingerprint_probe") == first  # bytecode and data: not code
    (package / "extra.py").write_text("")
    second = library_fingerprint("pb_fingerprint_probe")
    assert second != first
    os.utime(package / "extra.py", ns=(0, time.time_ns() + 10**9))
    assert library_fingerprint("pb_fingerprint_probe") != second


def test_builtin_and_missing_modules():
    assert library_fingerprint("sys") == library_fingerprint("builtins")
    with pytest.raises(ModuleNotFoundError, match="no module named 'pb_no_such_library'"):
        library_fingerprint("pb_no_such_library")
