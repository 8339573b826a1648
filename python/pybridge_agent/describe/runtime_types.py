"""Convert run-time annotations (classes, `typing` objects, strings) to TypeExpr dicts."""

from __future__ import annotations

import ast
import collections.abc
import inspect
import sys
import types
import typing

from . import named_classes
from . import typeexpr as tx

_UNION_ORIGINS = (typing.Union, types.UnionType)
_WRAPPER_FORMS = tuple(
    getattr(typing, name) for name in ("ClassVar", "Final", "Required", "NotRequired")
    if hasattr(typing, name)
)


class RuntimeTypes:
    """Converts annotations of one function or class.

    `globalns` resolves string annotations (`from __future__ import annotations`);
    `owner` is the class that `typing.Self` means.
    """

    def __init__(self, globalns: dict | None = None, owner: type | None = None):
        self.globalns = globalns or {}
        self.owner = owner
        self.used_owner = False  # whether a result depends on `owner` (it named Self)

    def convert(self, annotation: object) -> dict:
        try:
            return self._convert(annotation, depth=0)
        except Exception:  # an exotic annotation must not fail the descriptor
            return tx.unknown(_safe_repr(annotation))

    def _convert(self, ann: object, depth: int) -> dict:
        if depth > 20:
            return tx.unknown(_safe_repr(ann))
        convert = lambda a: self._convert(a, depth + 1)  # noqa: E731
        if ann is None or ann is type(None):
            return tx.NONE
        if ann is Ellipsis:
            return tx.ELLIPSIS
        if isinstance(ann, str):
            return self._convert_string(ann, depth)
        if isinstance(ann, typing.ForwardRef):
            return self._convert_string(ann.__forward_arg__, depth)
        if ann is typing.Any:
            return tx.ANY
        if ann is getattr(typing, "Self", None):
            return self._owner_type()
        if _is_numpy_arraylike(ann):
            return tx.named(tx.NUMPY_ARRAYLIKE)
        if ann is typing.AnyStr:  # spelled like the stubs' AnyStr (run time lists bytes first)
            return tx.typevar("AnyStr", tx.make_union([tx.named("str"), tx.named("bytes")]))
        if isinstance(ann, typing.TypeVar):
            return self._convert_typevar(ann, depth)
        if isinstance(ann, typing.ParamSpec):
            return tx.ELLIPSIS
        if hasattr(ann, "__supertype__"):  # typing.NewType
            return convert(ann.__supertype__)
        origin = typing.get_origin(ann)
        if origin is not None:
            return self._convert_generic(ann, origin, convert)
        if isinstance(ann, type):
            return class_type(ann)
        special = _special_form_name(ann)
        if special in ("Optional", "Union", "Generic", "Protocol"):  # bare: anything
            return tx.ANY
        if special is not None:  # NoReturn, Never, LiteralString...
            return tx.qualify("typing", special)
        return tx.unknown(_safe_repr(ann))

    def _convert_generic(self, ann: object, origin: object, convert) -> dict:
        args = typing.get_args(ann)
        if origin in _UNION_ORIGINS:
            return tx.make_union([convert(a) for a in args])
        if origin is typing.Literal:
            return tx.make_literal([tx.literal_value(_safe_repr(a)) for a in args])
        if origin is typing.Annotated or origin in _WRAPPER_FORMS:
            return convert(args[0]) if args else tx.ANY
        if origin is collections.abc.Callable:
            return self._convert_callable(args, convert)
        if isinstance(origin, type):
            return tx.with_args(class_type(origin), [convert(a) for a in args])
        return tx.unknown(_safe_repr(ann))

    @staticmethod
    def _convert_callable(args: tuple, convert) -> dict:
        if not args:
            return tx.named("Callable")
        params, result = args[0], args[-1]
        if isinstance(params, (list, tuple)):
            head = tx.named("params", [convert(p) for p in params])
        else:  # `...`, a ParamSpec or Concatenate: any parameters
            head = tx.ELLIPSIS
        return {"name": "Callable", "args": [head, convert(result)]}

    def _convert_typevar(self, var: typing.TypeVar, depth: int) -> dict:
        if var.__bound__ is not None:
            return tx.typevar(var.__name__, self._convert(var.__bound__, depth + 1))
        if var.__constraints__:
            return tx.typevar(var.__name__, tx.make_union(
                [self._convert(c, depth + 1) for c in var.__constraints__]))
        return tx.ANY

    def _convert_string(self, text: str, depth: int) -> dict:
        """Evaluate a string annotation in the function's globals, as typing does."""
        try:
            compile(text, "<annotation>", "eval", ast.PyCF_ONLY_AST)
            value = eval(text, dict(self.globalns))  # noqa: S307 - annotations are code
        except Exception:
            if text.strip() == "Self" and self.owner is not None:
                return self._owner_type()
            return tx.unknown(text)
        if isinstance(value, str):  # a string that evaluates to a string: give up
            return tx.unknown(text)
        return self._convert(value, depth + 1)

    def _owner_type(self) -> dict:
        self.used_owner = True
        return class_type(self.owner) if self.owner is not None else tx.ANY


def for_callable(target: object, owner: type | None = None) -> RuntimeTypes:
    """A converter with the globals that `target`'s string annotations refer to."""
    func = unwrap(target)
    func = getattr(func, "__func__", func)
    globalns = getattr(func, "__globals__", None)
    if globalns is None:
        home = target if isinstance(target, type) else owner
        module = sys.modules.get(getattr(home, "__module__", None) or "")
        globalns = vars(module) if module is not None else {}
    return RuntimeTypes(globalns, owner)


def unwrap(obj: object) -> object:
    """`inspect.unwrap`, tolerating objects whose `__wrapped__` chain misbehaves."""
    try:
        return inspect.unwrap(obj)
    except Exception:
        return obj


def class_type(cls: type) -> dict:
    """TypeExpr naming a class by its module and qualified name."""
    module = getattr(cls, "__module__", None) or "builtins"
    qualname = getattr(cls, "__qualname__", None) or getattr(cls, "__name__", "?")
    expr = tx.qualify(module, qualname)
    named_classes.note_live(expr["name"], cls)
    return expr


def type_of_value(value: object) -> dict:
    """The TypeExpr of a constant: the class of its value (`math.pi` -> float)."""
    if value is None:
        return tx.NONE
    return class_type(type(value))


def _special_form_name(ann: object) -> str | None:
    """The name of a bare typing special form (`typing.Never` -> "Never")."""
    if type(ann).__module__ not in ("typing", "typing_extensions"):
        return None
    name = getattr(ann, "_name", None)
    return name if isinstance(name, str) else None


def _is_numpy_arraylike(ann: object) -> bool:
    """numpy.typing.ArrayLike is a large Union at run time; keep its public name."""
    typing_mod = sys.modules.get("numpy._typing")
    return typing_mod is not None and ann is getattr(typing_mod, "ArrayLike", None)


def _safe_repr(value: object) -> str:
    try:
        return repr(value)
    except Exception:
        return f"<{type(value).__name__}>"
