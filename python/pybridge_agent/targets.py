"""Resolving dotted paths ("statistics.median", "dspy.Predict.forward") to Python objects."""

import builtins
import importlib
import types


class BadTarget(Exception):
    """The path names no module or attribute."""


class TargetResolver:
    """Imports the module part of a path (allowlist first) and walks the attributes; cached."""

    def __init__(self, allowlist):
        self._allowlist = allowlist
        self._cache = {}

    def resolve(self, path):
        try:
            return self._cache[path]
        except KeyError:
            pass
        obj = self._resolve_uncached(path)
        self._cache[path] = obj
        return obj

    def _resolve_uncached(self, path):
        parts = path.split(".")
        if not all(parts):
            raise BadTarget(f"'{path}' is not a dotted Python path")
        obj = self._root(parts[0], path)
        name = parts[0]
        for part in parts[1:]:
            name = f"{name}.{part}"
            try:
                obj = getattr(obj, part)
                continue
            except AttributeError:
                if not isinstance(obj, types.ModuleType):
                    raise BadTarget(
                        f"'{type(obj).__name__}' object '{name.rsplit('.', 1)[0]}' has no "
                        f"attribute '{part}'") from None
            try:
                obj = self._import(name, path)
            except BadTarget:
                raise BadTarget(f"module '{obj.__name__}' has no attribute '{part}'") from None
        return obj

    def _root(self, name, path):
        """A builtin ("str.split", "sorted"; always available, so not an import), or a
        top-level module."""
        if hasattr(builtins, name):
            return getattr(builtins, name)
        return self._import(name, path)

    def _import(self, module, path):
        self._allowlist.check(module)
        try:
            return importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name and (module == exc.name or module.startswith(exc.name + ".")):
                raise BadTarget(f"no module named '{module}' (resolving '{path}')") from None
            raise
