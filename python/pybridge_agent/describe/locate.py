"""Find and import the module a dotted path lives in, enforcing the allowlist first.

`statistics.median` -> module `statistics` (rest `["median"]`); `numpy.linalg.norm` ->
`numpy.linalg`. The allowlist is checked on the path *before* anything is imported: importing
is running the library's code, which is exactly what the allowlist guards.
"""

from __future__ import annotations

import builtins
import contextlib
import difflib
import importlib
import os
import pkgutil
import sys
import types

from ..allowlist import Allowlist, refusal
from .errors import ImportFailed, ModuleNotFound, NameRefused, NotAllowed


def import_target(path: str, allowlist: list[str] | None
                  ) -> tuple[types.ModuleType, str, list[str]]:
    """The longest importable prefix of `path`: the module, the name it was imported by
    (`os.path`, although the module calls itself `posixpath`), and the remaining names."""
    parts = path.split(".")
    if not path or not all(part.isidentifier() for part in parts):
        raise ModuleNotFound(path)
    rules = Allowlist(allowlist)
    admits = rules.admits
    if not admits(path):
        raise NotAllowed(path)
    refused = [name for name in parts[1:] if not rules.admits_name(name)]
    if refused:
        raise NameRefused(refused[0], refusal(refused[0]))
    try:
        module = _import(parts[0], missing_ok=False)
    except ModuleNotFound as error:
        raise ModuleNotFound(error.module, _close_names(parts, admits)) from None
    depth = 1
    while depth < len(parts):
        if _is_plain_attribute(module, parts[depth]):
            break
        child = _import(".".join(parts[: depth + 1]), missing_ok=True)
        if child is None:
            break
        module, depth = child, depth + 1
    name = ".".join(parts[:depth])
    if not admits(name):
        raise NotAllowed(name)
    return module, name, parts[depth:]


def _import(name: str, missing_ok: bool) -> types.ModuleType | None:
    """Import `name`; library output on stdout goes to stderr (stdout carries JSON)."""
    try:
        with _stdout_to_stderr():
            return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name == name:
            if missing_ok:
                return None
            raise ModuleNotFound(name) from None
        raise ImportFailed(name, error) from error
    except (Exception, SystemExit) as error:  # noqa: BLE001 - a library may raise anything
        raise ImportFailed(name, error) from error


@contextlib.contextmanager
def _stdout_to_stderr():
    """Sends file descriptor 1 to 2, leaving `sys.stdout` the same object: a module keeps what
    it reads of it at import (numpy's `source(output=sys.stdout)`), and that must not depend
    on whether a describe or a call imported it first (the descriptor's hash is compared with
    a worker's, whichever imported the module)."""
    try:
        sys.stdout.flush()
        saved = os.dup(1)
    except (AttributeError, OSError, ValueError):  # no usable stdout: nothing to protect
        yield
        return
    try:
        os.dup2(2, 1)
        yield
    finally:
        try:
            sys.stdout.flush()
        except (AttributeError, OSError, ValueError):
            pass
        os.dup2(saved, 1)
        os.close(saved)


def _close_names(parts: list[str], admits) -> list[str]:
    """Importable names near a misspelt top-level module (a bare name may also be a misspelt
    builtin); the plugin picks its "did you mean" from these."""
    names = set(sys.stdlib_module_names) | set(sys.builtin_module_names)
    names |= {info.name for info in pkgutil.iter_modules()}
    if len(parts) == 1:
        names |= {name for name in vars(builtins) if not name.startswith("_")}
    names = sorted(name for name in names if admits(name))
    return difflib.get_close_matches(parts[0], names, n=5, cutoff=0.6)


def _is_plain_attribute(module: types.ModuleType, name: str) -> bool:
    """`numpy.zeros` is an attribute: no need to try importing `numpy.zeros`."""
    value = vars(module).get(name)
    return value is not None and not isinstance(value, types.ModuleType)
