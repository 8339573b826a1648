"""The classes a descriptor names, noted while it is being built.

Every TypeExpr naming a class is made by `runtime_types.class_type` (a live class) or by
`StubTypes` (a stub class, or typing vocabulary such as `Sequence`). Both note the class here
under the name they gave it, so that the descriptor's `types` table (`subtypes.py`) can state
the supertypes of exactly the names the descriptor uses.
"""

from __future__ import annotations

import contextlib
from contextvars import ContextVar
from dataclasses import dataclass


@dataclass
class Named:
    """What one type name stands for: a live class, a stub class, or both."""

    live: type | None = None
    stub: object = None  # stub_index.StubClass (not imported: it imports this module's users)


_current: ContextVar[dict[str, Named] | None] = ContextVar("pybridge_named_classes",
                                                           default=None)


@contextlib.contextmanager
def collecting():
    """Notes the classes named inside the block into the dict it yields."""
    table: dict[str, Named] = {}
    token = _current.set(table)
    try:
        yield table
    finally:
        _current.reset(token)


@contextlib.contextmanager
def paused():
    """Names made inside the block are not noted (computing the table names more classes)."""
    token = _current.set(None)
    try:
        yield
    finally:
        _current.reset(token)


def note_live(name: str, cls: type) -> None:
    _note(name, "live", cls)


def note_stub(name: str, stub: object) -> None:
    _note(name, "stub", stub)


def _note(name: str, side: str, what: object) -> None:
    """Notes `what` as the `side` ("live" or "stub") of `name`; the first one noted stays."""
    table = _current.get()
    if table is not None:
        entry = table.setdefault(name, Named())
        if getattr(entry, side) is None:
            setattr(entry, side, what)
