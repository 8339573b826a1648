"""Which modules a worker may import, and which names and objects a host may reach.

With an allowlist set, it is a boundary for names: every name a host uses (the parts of a
target path, the attribute of a call or read on an object) is checked, and so is every object
a name leads to and every object handed to the host as a handle. It is not a sandbox: an
allowed library can do anything its own functions do (docs/runtime.md).

One definition serves the worker and the clang plugin: `describe` refuses the same names
(describe/locate.py), and a stub the agent will not describe does not compile.
"""

import builtins
import types

# Builtins that run or import arbitrary code, open files, wait on the terminal or read and
# write attributes by a name given as data: admitted only when the allowlist names them, never
# by the entry "builtins".
GUARDED_BUILTINS = frozenset(("__import__", "exec", "eval", "compile", "open", "breakpoint",
                              "input", "getattr", "setattr", "delattr", "vars", "globals",
                              "locals"))

# Dunder methods worth binding to C++ idioms (see docs/descriptor-format.md): protocols, and
# the operators C++ stubs bind (operator+ -> __add__). __getattr__ tells the describer that a
# class answers attribute names it does not declare.
PROTOCOL_DUNDERS = frozenset({
    "__call__", "__len__", "__iter__", "__getitem__", "__setitem__", "__delitem__",
    "__contains__", "__str__", "__repr__",
    "__enter__", "__exit__", "__eq__", "__lt__", "__hash__", "__getattr__",
    "__ne__", "__le__", "__gt__", "__ge__", "__pos__", "__neg__", "__abs__", "__invert__",
    "__add__", "__sub__", "__mul__", "__truediv__", "__floordiv__", "__mod__", "__pow__",
    "__matmul__", "__and__", "__or__", "__xor__", "__lshift__", "__rshift__",
    "__iadd__", "__isub__", "__imul__", "__itruediv__",
    "__bool__", "__int__", "__index__", "__float__", "__complex__",  # C++ conversion operators
    # what protocols ask for (the plugin checks other modules' protocols against these)
    "__next__", "__reversed__", "__setitem__", "__delitem__", "__fspath__", "__bytes__",
    "__round__", "__trunc__", "__floor__", "__ceil__", "__await__", "__aiter__", "__anext__",
    "__aenter__", "__aexit__", "__array__",
})

# The dunders a host may name while an allowlist is set: the protocols (but __getattr__,
# which looks up any name it is given) and plain data. Every other dunder is a way out of a
# module: __globals__, __self__, __dict__, __class__, __subclasses__, __loader__, ...
NAMEABLE_DUNDERS = (PROTOCOL_DUNDERS - {"__getattr__"}) | frozenset(
    {"__next__", "__name__", "__qualname__", "__doc__", "__version__"})

# Attributes of the interpreter's own objects (generators, coroutines, frames, tracebacks,
# code) that lead to a module's globals.
INTERPRETER_ATTRIBUTES = frozenset({
    "gi_frame", "gi_code", "gi_yieldfrom", "cr_frame", "cr_code", "cr_await", "ag_frame",
    "ag_code", "ag_await", "f_globals", "f_locals", "f_builtins", "f_back", "f_code",
    "tb_frame", "tb_next", "co_consts",
})

# Objects of these types are the interpreter's internals: never reached, never handed out.
_INTERNAL_TYPES = (types.FrameType, types.CodeType, types.TracebackType, types.CellType,
                   types.MappingProxyType)


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

    def admits_name(self, name):
        """Whether a host may use `name` as an attribute (of a module, class or object)."""
        if self._entries is None:
            return True
        if name.startswith("__") and name.endswith("__"):
            return name in NAMEABLE_DUNDERS
        return name not in INTERPRETER_ATTRIBUTES

    def check_name(self, name, path):
        """Raises NotAllowed when `name` (an attribute in `path`) is refused (admits_name)."""
        if self.admits_name(name):
            return
        raise NotAllowed(f"'{path}': {refusal(name)} (allowlist: {self._listing()})")

    def check_path(self, path):
        """check_name for each attribute of a dotted path (all but its first part)."""
        if self._entries is None:
            return
        for name in path.split(".")[1:]:
            self.check_name(name, path)

    def check_handle(self, obj):
        """`obj` is about to be handed to the host as a handle: it must come from an admitted
        module (its own `__module__`, else its type's), or be a value of a builtin type (a
        container, an iterator, a generator), or an admitted builtin; never one of the
        interpreter's internals."""
        if self._entries is None:
            return
        what = "the result is"
        self._check_internal(obj, what)
        if isinstance(obj, types.ModuleType):
            return self._check_module(obj, what)
        module = _module_of(obj)
        if module is None:
            module = _module_of(type(obj))
            if module == "builtins":
                return
        self._check_owner(obj, module or "?", what)

    def check_object(self, obj, path, last):
        """`obj` was reached by walking the attributes of `path`: it must come from an admitted
        module (its `__module__`; a module's own name). A value with no module (an int, a
        dict) may end a path, but a path may not walk through one (`mod.__dict__.get`)."""
        if self._entries is None:
            return
        self._check_internal(obj, f"'{path}' reaches")
        if isinstance(obj, types.ModuleType):
            return self._check_module(obj, f"'{path}' reaches")
        module = _module_of(obj)
        if module is None:
            if last:
                return
            raise NotAllowed(f"'{path}' walks through a '{type(obj).__name__}' value, which "
                             "belongs to no module of the worker's allowlist")
        self._check_owner(obj, module, f"'{path}' reaches")

    def _check_internal(self, obj, what):
        if isinstance(obj, _INTERNAL_TYPES):
            raise NotAllowed(f"{what} the interpreter's own '{_type_name(obj)}', which is "
                             f"never handed out under an allowlist ({self._listing()})")

    def _check_module(self, module, what):
        name = getattr(module, "__name__", None)
        if not isinstance(name, str) or not self.admits(name):
            raise NotAllowed(f"{what} module '{name}', which is not in the worker's allowlist "
                             f"({self._listing()})")

    def _check_owner(self, obj, module, what):
        """`obj` belongs to `module`: a builtin by its own rule, else an admitted module."""
        name = _builtin_name(obj) if module == "builtins" else None
        if name is not None:
            self.check_builtin(name)
        elif not (self.admits(module) or (module.startswith("_") and self.admits(module[1:]))):
            # (`_operator` is the C half of `operator`: `operator.add` comes from there.)
            raise NotAllowed(f"{what} an object of module '{module}', which is not in the "
                             f"worker's allowlist ({self._listing()})")

    def _listing(self):
        return ", ".join(self._entries) or "empty"

    def __iter__(self):
        return iter(self._entries or ())


def refusal(name):
    """Why an allowlist refuses the attribute `name` (Allowlist.admits_name)."""
    if name.startswith("__"):
        return (f"'{name}' leads out of its module, and with an allowlist no dunder but the "
                "protocols stubs bind may be named")
    return (f"'{name}' leads to the interpreter's frames and a module's globals, which an "
            "allowlist refuses")


def _type_name(obj):
    cls = type(obj)
    return f"{_module_of(cls) or '?'}.{getattr(cls, '__qualname__', '?')}"


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
