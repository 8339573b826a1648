"""pytest setup for the Python unit tests: the agent package and the fixture libraries are
importable without installing anything.

Run with Debian's interpreter (it has numpy, sympy, networkx and grpcio):
    /usr/bin/python3 -m pytest test/python
"""

import sys
from pathlib import Path

_REPO = Path(__file__).resolve().parents[2]
for _path in (_REPO / "python", _REPO / "test" / "fixtures" / "python"):
    if str(_path) not in sys.path:
        sys.path.append(str(_path))  # PYTHONPATH (e.g. a build tree's agent) stays first

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def describe():
    """`describe(path)` -> descriptor, built once per session (numpy's takes ~1 s)."""
    from pybridge_agent.describe import build_descriptor

    cache = {}

    def run(path):
        if path not in cache:
            cache[path] = build_descriptor(path)
        return cache[path]

    return run


@pytest.fixture
def tmp_modules(tmp_path, monkeypatch):
    """A sys.path entry for throwaway modules, forgotten again after the test."""
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    before = set(sys.modules)
    yield tmp_path
    for name in set(sys.modules) - before:
        del sys.modules[name]


def member(descriptor, *names):
    """The symbol at descriptor's root.members[names[0]].members[names[1]]..."""
    symbol = descriptor["root"]
    for name in names:
        symbol = symbol["members"][name]
    return symbol


class ListSink:
    """A stream's sink that keeps its items (pb.StreamItem) and always takes more."""

    def __init__(self, send=None):
        self.items = []
        self._send = send

    def send_item(self, frame, trailer=None):
        if self._send is not None:
            self._send(frame.item)
        self.items.append(frame.item)

    def ready(self):
        return True


def run_stream(dispatcher, request, sink=None):
    """Runs a STREAM request to its end as the main loop would; returns (reply, items)."""
    sink = ListSink() if sink is None else sink
    task = dispatcher.start_stream(request, request.call_id, sink)
    while not task.done:
        task.step()
    return task.frame.reply, sink.items
