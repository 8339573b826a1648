"""Which modules a worker may import, and which objects a call may reach by name.

The allowlist limits what code a host can reach by name (a target path): it is not a sandbox.
An allowed library can do anything its own functions do, and objects it returns can be used
for anything their methods allow.
"""

import builtins
import types

# Builtins that run or import arbitrary code, open files or wait on the terminal: admitted only
# when the allowlist names them, never by the entry "builtins".
GUARDED_BUILTINS = frozenset(("__import__", "exec", "eval", "compile", "open", "breakpoint",
                              "input"))


class NotAllowed(Exception):
    """A module or object outside the allowlist was requested."""


class Allowlist:
    """An entry `numpy` admits `numpy` and `numpy.*`. None (no allowlist) admits everything;
    an empty list admits nothing.

    Builtins (`len`, `str.split`) are admitted by the entry `builtins` or by their own name
    (`len`); the GUARDED_BUILTINS only by their own name."""

    def __init__(self, entries=None):
        self._entries = None if entries is None else tuple(
            e.strip() for e in entries if e.strip())

    @classmethod
    def parse(cls, text):
        """Builds one from a comma-separated string (the --allow option, PYBRIDGE_ALLOW);
        an empty string means no allowlist."""
        return cls(text.split(",") if text else None)

    @property
    def active(self):
        return self._entries is not None

    def as_list(self):
        """The entries, or None without an allowlist (what build_descriptor takes)."""
        return None if self._entries is None else list(self._entries)

    def admits(self, module):
        if self._entries is None:
            return True
        return any(module == e or module.startswith(e + ".") for e in self._entries)

    def admits_builtin(self, name):
        if self._entries is None or name in self._entries:
            return True
        return name not in GUARDED_BUILTINS and "builtins" in self._entries

    def admits_library(self, module):
        """Whether a host may ask for `module`'s descriptor hash: as for an import, and
        `builtins` (imported always) once any builtin is admitted."""
        if self.admits(module):
            return True
        return module == "builtins" and any(
            hasattr(builtins, e) and self.admits_builtin(e) for e in self._entries)

    def check(self, module):
        if not self.admits(module):
            raise NotAllowed(f"module '{module}' is not in the worker's allowlist "
                             f"({self._listing()})")

    def check_builtin(self, name):
        if self.admits_builtin(name):
            return
        how = ("it runs or loads code, opens files or reads the terminal: list its own name"
               if name in GUARDED_BUILTINS else "list 'builtins' or its own name")
        raise NotAllowed(f"builtin '{name}' is not in the worker's allowlist "
                         f"({self._listing()}); {how} to allow it")

    def check_object(self, obj, path, last):
        """`obj` was reached by walking the attributes of `path`: it must come from an admitted
        module (its `__module__`; a module's own name). A value with no module (an int, a
        dict) may end a path, but a path may not walk through one (`mod.__dict__.get`)."""
        if self._entries is None:
            return
        if isinstance(obj, types.ModuleType):
            name = getattr(obj, "__name__", None)
            if not isinstance(name, str) or not self.admits(name):
                raise NotAllowed(f"'{path}' reaches module '{name}', which is not in the "
                                 f"worker's allowlist ({self._listing()})")
            return
        module = _module_of(obj)
        if module is None:
            if last:
                return
            raise NotAllowed(f"'{path}' walks through a '{type(obj).__name__}' value, which "
                             "belongs to no module of the worker's allowlist")
        name = _builtin_name(obj) if module == "builtins" else None
        if name is not None:
            self.check_builtin(name)
        elif not (self.admits(module) or (module.startswith("_") and self.admits(module[1:]))):
            # (`_operator` is the C half of `operator`: `operator.add` comes from there.)
            raise NotAllowed(f"'{path}' reaches an object of module '{module}', which is not "
                             f"in the worker's allowlist ({self._listing()})")

    def _listing(self):
        return ", ".join(self._entries) or "empty"

    def __iter__(self):
        return iter(self._entries or ())


def _module_of(obj):
    try:
        module = getattr(obj, "__module__", None)
    except Exception:  # noqa: BLE001 - an object's __getattr__ may raise anything
        return None
    return module if isinstance(module, str) else None


def _builtin_name(obj):
    """The name `obj` has in builtins, or None when it is not one of them."""
    try:
        name = getattr(obj, "__name__", None)
    except Exception:  # noqa: BLE001 - as in _module_of
        return None
    if isinstance(name, str) and getattr(builtins, name, None) is obj:
        return name
    return None
