"""Descriptors of Python modules (docs/descriptor-format.md, schema 1).

`build_descriptor("statistics.median")` imports the longest importable prefix of the path
(`statistics`) and describes that whole module: members, classes, functions, parameters and
types, from run-time inspection merged with stubs (package-shipped `.pyi`, `<pkg>-stubs`,
typeshed). Only the standard library is used; mypy's typeshed is read as text, never imported.
"""

from __future__ import annotations

import contextlib
import gc
import sys
import warnings

from ..fingerprint import fingerprint_and_files
from . import hashing, metadata, named_classes, sources
from .errors import DescribeError, ImportFailed, ModuleNotFound, NameRefused, NotAllowed
from .introspect import Describer
from .locate import import_target
from .stub_files import StubFinder, extra_stub_roots, find_typeshed
from .stub_library import StubLibrary
from .subtypes import TypeTable

SCHEMA = 2
# Bump when the descriptor content changes for the same inputs (it is part of `config`).
DESCRIBER_VERSION = "6"

__all__ = ["DescribeError", "ImportFailed", "ModuleNotFound", "NameRefused", "NotAllowed",
           "SCHEMA", "build_descriptor"]


def build_descriptor(path: str, *, allowlist: list[str] | None = None,
                     stub_paths: list[str] | None = None) -> dict:
    """The descriptor of the module containing `path` (a module, class or function path).

    Raises NotAllowed (before importing anything) when the path is outside `allowlist`,
    ModuleNotFound when no prefix of `path` imports, ImportFailed when the module raises.
    `stub_paths` are extra stub roots searched before all others (then PYBRIDGE_STUB_PATH).

    The result is plain JSON data whose TypeExpr dicts are shared between symbols (numpy
    would otherwise hold ~10^5 copies of `{"name": "int"}`): treat it as read-only, or
    deep-copy it before changing anything.
    """
    module, name, rest = import_target(path, allowlist)
    roots = extra_stub_roots(stub_paths)
    typeshed = find_typeshed()
    library = StubLibrary(StubFinder(roots, typeshed))
    describer = Describer(library)
    with warnings.catch_warnings(), _gc_paused(), named_classes.collecting() as named:
        warnings.simplefilter("ignore")  # deprecation warnings of attribute access
        root = describer.module(module, name, also=rest[:1])
        types = TypeTable(library, describer.types).entries(named)
    read = describer.sources.files() | library.finder.found()
    own_file = sources.module_file(module)
    if own_file is not None:
        read.add(own_file)
    # The drift check's fingerprint; its files are sources too, so a cached descriptor is
    # stale whenever the fingerprint it carries is.
    fingerprint, library_files = fingerprint_and_files(name)
    read.update(library_files)
    return {
        "schema": SCHEMA,
        "module": name,
        "python": metadata.python_info(),
        "library_version": metadata.library_version(module),
        "origin": metadata.origin(module),
        "sources": sources.stamps(read, library.finder.absent),
        "config": hashing.config_hash(
            agent=_agent_version(), describer=DESCRIBER_VERSION, schema=SCHEMA,
            allowlist=sorted(allowlist) if allowlist is not None else None,
            stub_roots=roots, typeshed=typeshed),
        "hash": hashing.content_hash(root),
        "fingerprint": fingerprint,
        "types": types,
        "root": root,
    }


@contextlib.contextmanager
def _gc_paused():
    """Describing numpy allocates ~10^6 small acyclic objects; the cyclic collector would
    rescan them over and over (about 40% of the time) without freeing anything."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _agent_version() -> str | None:
    """The enclosing agent package's version (this package may also be used on its own)."""
    parent = sys.modules.get(__name__.rpartition(".")[0])
    version = getattr(parent, "__version__", None)
    return version if isinstance(version, str) else None
