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
    """Maps module names to stub (or source) files; results are cached per build.

    It remembers what it found and where a user's own stub would have won but was not there
    (the extra roots, and next to a loaded module): a descriptor is stale once one of those
    files changes or appears.
    """

    def __init__(self, extra_roots: list[str], typeshed: str | None):
        self.extra_roots = extra_roots
        self.typeshed = typeshed
        self._cache: dict[tuple[str, bool], str | None] = {}
        self.absent: set[str] = set()

    def found(self) -> set[str]:
        """Every file a search returned (stubs, and sources standing in for them)."""
        return {os.path.abspath(path) for path in self._cache.values() if path is not None}

    def find(self, module: str, allow_source: bool = False) -> str | None:
        key = (module, allow_source)
        if key not in self._cache:
            self._cache[key] = self._search(module, allow_source)
        return self._cache[key]

    def _search(self, module: str, allow_source: bool) -> str | None:
        parts = module.split(".")
        for root in self.extra_roots:
            candidates = [*_root_candidates(root, parts, ".pyi"),
                          *_root_candidates(root, _stub_package_parts(parts), ".pyi")]
            found = _first_file(candidates)
            if found:
                return found
            self.absent.update(candidates)
        candidate = _next_to_loaded_module(module)
        if candidate is not None:
            if os.path.isfile(candidate):
                return candidate
            self.absent.add(candidate)
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


def _root_candidates(root: str, parts: list[str], suffix: str) -> list[str]:
    base = os.path.abspath(os.path.join(root, *parts))
    return [base + suffix, os.path.join(base, "__init__" + suffix)]


def _first_file(candidates: list[str]) -> str | None:
    return next((candidate for candidate in candidates if os.path.isfile(candidate)), None)


def _in_root(root: str, parts: list[str], suffix: str) -> str | None:
    return _first_file(_root_candidates(root, parts, suffix))


def _stub_package_parts(parts: list[str]) -> list[str]:
    return [parts[0] + "-stubs", *parts[1:]]


def _in_stub_package(root: str, parts: list[str]) -> str | None:
    return _in_root(root, _stub_package_parts(parts), ".pyi")


def _next_to_loaded_module(module: str) -> str | None:
    """Where a stub of a loaded module would sit: `foo/bar.py` or
    `foo/bar.cpython-311-x86_64-linux-gnu.so` -> `foo/bar.pyi` (whether it exists or not)."""
    loaded = sys.modules.get(module)
    filename = getattr(loaded, "__file__", None)
    if not isinstance(filename, str):
        return None
    directory, base = os.path.split(os.path.abspath(filename))
    stem = base.split(".", 1)[0]
    return os.path.join(directory, stem + ".pyi")
