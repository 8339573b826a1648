"""Deterministic, bounded reprs for defaults and constants.

Descriptors are hashed and compared across processes and machines, so a repr must not
carry memory addresses (`<object object at 0x7f...>`), set ordering that depends on the
string hash seed, or state of the environment (`os.environ`).
"""

from __future__ import annotations

import re

MAX_DEFAULT = 80
MAX_CONSTANT = 200
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
_PLAIN_TYPES = (bool, int, float, complex, str, bytes, type(None))


def default_repr(value: object) -> str:
    """A parameter default as text, addresses removed, at most MAX_DEFAULT characters.

    A mutable container holding more than plain values is named by its type only: it is state
    (logging.shutdown's default is the live list of handlers, which differs per process).
    """
    if isinstance(value, (list, dict, set, bytearray)) and not _plain_contents(value):
        return f"<{type(value).__name__}>"
    try:
        text = repr(value)
    except Exception:
        text = f"<{type(value).__name__}>"
    return _bounded(_ADDRESS.sub("", text), MAX_DEFAULT)


def _plain_contents(value: object) -> bool:
    items = [*value.keys(), *value.values()] if isinstance(value, dict) else list(value)
    return all(isinstance(item, _PLAIN_TYPES) for item in items)


def constant_repr(value: object) -> str | None:
    """The repr of a plain value (numbers, strings, tuples and sets of them), else None."""
    if isinstance(value, _PLAIN_TYPES) or (
            isinstance(value, tuple) and all(isinstance(v, _PLAIN_TYPES) for v in value)):
        return _bounded(repr(value), MAX_CONSTANT)
    if isinstance(value, (frozenset, set)) and all(isinstance(v, _PLAIN_TYPES) for v in value):
        items = ", ".join(sorted(repr(v) for v in value))
        return _bounded(f"{type(value).__name__}({{{items}}})", MAX_CONSTANT)
    return None


def _bounded(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
