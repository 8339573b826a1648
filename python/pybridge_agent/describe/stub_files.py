"""Find the `.pyi` file (or, when following imports, the `.py` file) for a module name.

Search order, best first (the first hit wins):
1. extra stub roots: the `stub_paths` argument, then `PYBRIDGE_STUB_PATH`;
2. a `.pyi` next to the loaded module's own file (package-shipped stubs);
3. `<pkg>-stubs` stub packages on `sys.path` (PEP 561);
4. `.pyi` files in `sys.path` entries (package-shipped stubs of modules not loaded yet);
5. typeshed's standard-library stubs (mypy's copy).
Only when resolving names that a stub imports may a module's `.py` source stand in
(numpy's stubs import aliases from `numpy._typing`, which ships as `.py` only).
"""

from __future__ import annotations

import os
import sys

STUB_PATH_ENV = "PYBRIDGE_STUB_PATH"
_TYPESHED_TAIL = os.path.join("mypy", "typeshed", "stdlib")
_DEBIAN_TYPESHED = "/usr/lib/python3/dist-packages/mypy/typeshed/stdlib"


def extra_stub_roots(stub_paths: list[str] | None) -> list[str]:
    """Caller-supplied roots first, then the environment's, as absolute paths."""
    roots = list(stub_paths or [])
    env = os.environ.get(STUB_PATH_ENV, "")
    roots.extend(part for part in env.split(os.pathsep) if part)
    return [os.path.abspath(root) for root in roots]


def find_typeshed() -> str | None:
    """Locate typeshed's stdlib stubs without importing mypy (it is not ours to load)."""
    for entry in sys.path:
        candidate = os.path.join(entry or os.curdir, _TYPESHED_TAIL)
        if os.path.isfile(os.path.join(candidate, "builtins.pyi")):
            return os.path.abspath(candidate)
    if os.path.isfile(os.path.join(_DEBIAN_TYPESHED, "builtins.pyi")):
        return _DEBIAN_TYPESHED
    return None


class StubFinder:
    """Maps module names to stub (or source) files; results are cached per build."""

    def __init__(self, extra_roots: list[str], typeshed: str | None):
        self.extra_roots = extra_roots
        self.typeshed = typeshed
        self._cache: dict[tuple[str, bool], str | None] = {}

    def find(self, module: str, allow_source: bool = False) -> str | None:
        key = (module, allow_source)
        if key not in self._cache:
            self._cache[key] = self._search(module, allow_source)
        return self._cache[key]

    def _search(self, module: str, allow_source: bool) -> str | None:
        parts = module.split(".")
        for root in self.extra_roots:
            found = _in_root(root, parts, ".pyi") or _in_stub_package(root, parts)
            if found:
                return found
        found = _next_to_loaded_module(module)
        if found:
            return found
        entries = [entry or os.curdir for entry in sys.path]
        for entry in entries:
            found = _in_stub_package(entry, parts)
            if found:
                return found
        for entry in entries:
            found = _in_root(entry, parts, ".pyi")
            if found:
                return found
        if self.typeshed:
            found = _in_root(self.typeshed, parts, ".pyi")
            if found:
                return found
        if allow_source:
            for entry in entries:
                found = _in_root(entry, parts, ".py")
                if found:
                    return found
        return None


def _in_root(root: str, parts: list[str], suffix: str) -> str | None:
    base = os.path.join(root, *parts)
    for candidate in (base + suffix, os.path.join(base, "__init__" + suffix)):
        if os.path.isfile(candidate):
            return candidate
    return None


def _in_stub_package(root: str, parts: list[str]) -> str | None:
    return _in_root(root, [parts[0] + "-stubs", *parts[1:]], ".pyi")


def _next_to_loaded_module(module: str) -> str | None:
    """`foo/bar.py` or `foo/bar.cpython-311-x86_64-linux-gnu.so` -> `foo/bar.pyi`."""
    loaded = sys.modules.get(module)
    filename = getattr(loaded, "__file__", None)
    if not isinstance(filename, str):
        return None
    directory, base = os.path.split(filename)
    stem = base.split(".", 1)[0]
    candidate = os.path.join(directory, stem + ".pyi")
    return candidate if os.path.isfile(candidate) else None
