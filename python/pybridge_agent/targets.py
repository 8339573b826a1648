"""Resolving dotted paths ("statistics.median", "dspy.Predict.forward") to Python objects."""

import builtins
import importlib
import types


class BadTarget(Exception):
    """The path names no module or attribute."""


class TargetResolver:
    """Imports the module part of a path (allowlist first) and walks the attributes.

    Only modules are remembered: the attributes after the path's last module are read again
    at every call, so a rebound attribute (`dspy.settings.lm` after `configure`) is seen. With
    an active allowlist every name of the path is checked (Allowlist.check_path) and every
    object the walk reaches (Allowlist.check_object)."""

    def __init__(self, allowlist):
        self._allowlist = allowlist
        self._plans = {}  # path -> (its deepest module, or None for a builtin; names after it)

    def resolve(self, path):
        plan = self._plans.get(path)
        if plan is None:
            return self._first_resolve(path)
        obj, names = plan
        if obj is None:  # a builtin root: builtins may be rebound too
            self._allowlist.check_builtin(names[0])
            obj = getattr(builtins, names[0])
            names = names[1:]
        return self._walk(obj, names, path)

    def _first_resolve(self, path):
        parts = path.split(".")
        if not all(parts):
            raise BadTarget(f"'{path}' is not a dotted Python path")
        self._allowlist.check_path(path)  # (once: the plan remembers a path that passed)
        if hasattr(builtins, parts[0]):  # "str.split", "sorted": always there, not imported
            self._allowlist.check_builtin(parts[0])
            obj = self._walk(getattr(builtins, parts[0]), parts[1:], path)
            self._plans[path] = (None, parts)
            return obj
        self._allowlist.check(parts[0])
        module = self._import(parts[0], path)
        depth = 1
        # The module prefix, importing submodules that are not attributes yet.
        while depth < len(parts):
            name = ".".join(parts[:depth + 1])
            child = getattr(module, parts[depth], _MISSING)
            if child is _MISSING:
                self._allowlist.check(name)
                try:
                    child = self._import(name, path)
                except BadTarget:
                    raise BadTarget(
                        f"module '{module.__name__}' has no attribute '{parts[depth]}'") from None
            if not isinstance(child, types.ModuleType):
                break
            self._allowlist.check_object(child, path, depth == len(parts) - 1)
            module, depth = child, depth + 1
        obj = self._walk(module, parts[depth:], path)
        self._plans[path] = (module, parts[depth:])
        return obj

    def _walk(self, obj, names, path):
        check = self._allowlist.check_object if self._allowlist.active else None
        last = len(names) - 1
        for index, name in enumerate(names):
            try:
                obj = getattr(obj, name)
            except AttributeError:
                owner = path.rsplit(".", len(names) - index)[0]
                raise BadTarget(f"'{type(obj).__name__}' object '{owner}' has no attribute "
                                f"'{name}'") from None
            if check is not None:
                check(obj, path, index == last)
        return obj

    def _import(self, module, path):
        try:
            return importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name and (module == exc.name or module.startswith(exc.name + ".")):
                raise BadTarget(f"no module named '{module}' (resolving '{path}')") from None
            raise


_MISSING = object()
