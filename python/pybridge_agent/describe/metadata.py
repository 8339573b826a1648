"""Facts about a module that key the plugin's cache: version, file, interpreter."""

from __future__ import annotations

import functools
import importlib.metadata
import os
import platform
import sys
import types


def python_info() -> dict:
    return {"executable": sys.executable, "version": platform.python_version()}


def library_version(module: types.ModuleType) -> str | None:
    """Distribution version, else `__version__`, else Python's for the standard library."""
    top_name = module.__name__.split(".")[0]
    is_stdlib = top_name in sys.stdlib_module_names or top_name == "builtins"
    version = _distribution_version(top_name, search_all=not is_stdlib)
    if version:
        return version
    for candidate in (module, sys.modules.get(top_name)):
        value = getattr(candidate, "__version__", None)
        if isinstance(value, str) and value:
            return value
    if is_stdlib:
        return platform.python_version()
    return None


def origin(module: types.ModuleType) -> dict | None:
    """The module's file with its mtime and size (None for built-in modules)."""
    filename = getattr(module, "__file__", None)
    if not isinstance(filename, str):
        return None
    try:
        stat = os.stat(filename)
    except OSError:
        return None
    return {"file": os.path.abspath(filename), "mtime_ns": stat.st_mtime_ns,
            "size": stat.st_size}


def _distribution_version(import_name: str, search_all: bool) -> str | None:
    """The version of the distribution providing `import_name` (names may differ: yaml)."""
    try:
        return importlib.metadata.version(import_name)
    except Exception:
        pass
    if not search_all:
        return None
    distributions = _packages_distributions().get(import_name, [])
    for distribution in distributions:
        try:
            return importlib.metadata.version(distribution)
        except Exception:
            continue
    return None


@functools.lru_cache(maxsize=1)
def _packages_distributions() -> dict:
    """Import name -> distributions; scanning every installed distribution is slow-ish."""
    try:
        return importlib.metadata.packages_distributions()
    except Exception:
        return {}
