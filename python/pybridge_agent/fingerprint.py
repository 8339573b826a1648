"""The library fingerprint behind the drift check: which files a module's library is made of,
as they are on disk now.

The clang plugin compiles the fingerprint `describe` reports into each stub; at run time a
worker computes it again for the first call into the module, and a difference means the library
changed since the build (docs/runtime.md, Drift). It must be cheap (it runs before the first
call into numpy) and the same in every process whatever that process imported before, so it is
computed from the file system alone, never by importing or describing the module:

- the module's top-level package (or single-file module) as the import system finds it: every
  `.py`, `.pyi` and extension file below it (not `__pycache__`), each with its path relative
  to the package, size and modification time;
- the interpreter's ABI tag; for a module with no file (built into the interpreter), the
  interpreter's full version.

It does not cover other distributions the library imports, nor data files.
"""

from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import os
import sys

SCHEME = "1"  # bump when what is covered changes
_SUFFIXES = (".py", ".pyi", *importlib.machinery.EXTENSION_SUFFIXES)


def library_fingerprint(module: str) -> str:
    """The fingerprint of the library that module path `module` (`numpy.linalg`) belongs to.
    Raises ModuleNotFoundError when its top-level module cannot be found."""
    return fingerprint_and_files(module)[0]


def fingerprint_and_files(module: str) -> tuple[str, list[str]]:
    """The fingerprint and the absolute paths of the files it covers (`describe` records them
    as the descriptor's sources, so a cached descriptor is stale when its fingerprint is)."""
    top = module.partition(".")[0]
    entries = [f"scheme {SCHEME}", f"abi {sys.implementation.cache_tag}"]
    roots = _locations(top)
    if not roots:
        entries.append(f"interpreter {sys.version}")
    files = []
    for root in roots:
        for relative, path in _files(root):
            entries.append(f"{relative} {_stamp(path)}")
            files.append(path)
    digest = hashlib.sha256("\n".join(entries).encode("utf-8", "surrogateescape")).hexdigest()
    return digest, files


def _locations(top: str) -> list[str]:
    """The package directories (several for a namespace package) or the module file of a
    top-level module, as imported or as an import would find it; empty for a built-in module.
    """
    try:
        spec = importlib.util.find_spec(top)
    except ValueError:  # in sys.modules without a spec (made by hand): nothing on disk
        return []
    if spec is None:
        raise ModuleNotFoundError(f"no module named '{top}'", name=top)
    if spec.submodule_search_locations is not None:
        return sorted(set(spec.submodule_search_locations))
    if spec.has_location and spec.origin:
        return [spec.origin]
    return []


def _files(root: str) -> list[tuple[str, str]]:
    """(path relative to `root`, absolute path) of each covered file below `root`, or of `root`
    itself when it is a file, sorted."""
    if not os.path.isdir(root):
        return [(os.path.basename(root), root)]
    prefix = len(root.rstrip(os.sep)) + 1
    found = []
    pending = [root]
    while pending:
        try:
            with os.scandir(pending.pop()) as entries:
                for entry in entries:
                    if entry.name.endswith(_SUFFIXES):
                        found.append((entry.path[prefix:], entry.path))
                    elif entry.name != "__pycache__" and entry.is_dir(follow_symlinks=False):
                        pending.append(entry.path)
        except OSError:
            continue  # an unreadable directory: as good as empty, in every process
    found.sort()
    return found


def _stamp(path: str) -> str:
    try:
        info = os.stat(path)
    except OSError:
        return "absent"
    return f"{info.st_size} {info.st_mtime_ns}"
