"""The files a descriptor was made from, so a cache can tell it is stale without Python.

A descriptor depends on more than the module's own file: a package re-exports members
defined in its submodules (`from .core import f`), classes inherit methods from other
modules, and types come from stub files. `Sources` collects the modules that define what was
described; `stamps` turns them, with the stub files read and the stub locations found
empty, into `{"file", "mtime_ns", "size"}` / `{"file", "absent": true}` records.
"""

from __future__ import annotations

import inspect
import os
import sys


class Sources:
    """The modules whose code defines the described objects."""

    def __init__(self):
        self.modules: set[str] = set()

    def note(self, obj: object) -> None:
        """The module defining `obj` (a function, class, property getter...)."""
        try:
            obj = inspect.unwrap(obj)
            name = getattr(getattr(obj, "__func__", obj), "__module__", None)
        except Exception:  # noqa: BLE001 - library objects may raise on any attribute
            return
        if isinstance(name, str):
            self.modules.add(name)

    def note_class(self, cls: type) -> None:
        """A class and every class it inherits members from."""
        try:
            mro = tuple(cls.__mro__)
        except Exception:  # noqa: BLE001 - a metaclass may hide it
            mro = (cls,)
        for klass in mro:
            self.note(klass)

    def files(self) -> set[str]:
        """The source (or extension) files of the noted modules that are loaded."""
        found = set()
        for name in self.modules:
            file = module_file(sys.modules.get(name))
            if file is not None:
                found.add(file)
        return found


def module_file(module: object) -> str | None:
    filename = getattr(module, "__file__", None)
    return os.path.abspath(filename) if isinstance(filename, str) else None


def stamp(path: str) -> dict:
    """`{"file", "mtime_ns", "size"}` for an existing file, `{"file", "absent": true}`
    otherwise."""
    try:
        info = os.stat(path)
    except OSError:
        return {"file": path, "absent": True}
    return {"file": path, "mtime_ns": info.st_mtime_ns, "size": info.st_size}


def stamps(present: set[str], absent: set[str]) -> list[dict]:
    """Records for files read and for places searched and found empty, sorted by path."""
    records = {path: stamp(path) for path in present}
    for path in absent - present:
        records[path] = {"file": path, "absent": True}
    return [records[path] for path in sorted(records)]
