"""Which names a module or class exposes, and what kind of member each raw attribute is.

Class attributes are read from the class dictionaries along the MRO, never with getattr:
a property is described, not called (a raising property must not break the descriptor),
and `staticmethod`/`classmethod` wrappers stay visible.
"""

from __future__ import annotations

import collections
import functools
import inspect
import types
import typing
from dataclasses import dataclass

from ..allowlist import PROTOCOL_DUNDERS

# Namedtuple fields are `_tuplegetter`s; enum's `name`/`value` DynamicClassAttributes.
_TUPLE_GETTER = type(collections.namedtuple("_Probe", "field").field)
_PROPERTY_TYPES = (property, functools.cached_property, types.GetSetDescriptorType,
                   types.MemberDescriptorType, types.DynamicClassAttribute, _TUPLE_GETTER)
_INSTANCE_METHOD_TYPES = (types.FunctionType, types.MethodDescriptorType,
                          types.WrapperDescriptorType)


@dataclass
class MemberKind:
    """How to describe one class attribute.

    `kind` is a Symbol kind; for functions, `target` is what to take the signature of and
    `drop_first` says whether its first parameter is `self`/`cls`.
    """

    kind: str
    target: object = None
    method_kind: str | None = None
    drop_first: bool = False


def module_member_names(module: types.ModuleType) -> list[str]:
    """`__all__` when the module defines it, else its public names."""
    exported = getattr(module, "__all__", None)
    if isinstance(exported, (list, tuple)):
        return sorted({name for name in exported if isinstance(name, str)})
    try:
        names = dir(module)
    except Exception:
        names = list(vars(module))
    return sorted(name for name in names if not name.startswith("_"))


def class_member_names(cls: type) -> list[str]:
    """Public names and protocol dunders defined along the MRO (not by `object`)."""
    names: set[str] = set()
    for klass in _mro(cls):
        if klass is object:
            continue
        for name in _class_dict(klass):
            if not name.startswith("_") or name in PROTOCOL_DUNDERS:
                names.add(name)
    return sorted(names)


def raw_class_attribute(cls: type, name: str) -> tuple[object, type] | None:
    """The attribute as stored in the nearest class dictionary, with that class.

    None when only `object` defines it, or when `__hash__` is None (unhashable).
    """
    for klass in _mro(cls):
        namespace = _class_dict(klass)
        if name in namespace:
            if klass is object:
                return None
            raw = namespace[name]
            if name == "__hash__" and raw is None:
                return None
            return raw, klass
    return None


def classify_class_attribute(cls: type, name: str, raw: object) -> MemberKind:
    if isinstance(raw, staticmethod):
        return MemberKind("function", raw.__func__, "static", drop_first=False)
    if isinstance(raw, classmethod):
        return MemberKind("function", raw.__func__, "class", drop_first=True)
    if isinstance(raw, types.ClassMethodDescriptorType):  # dict.fromkeys: bind it to the class
        return MemberKind("function", raw.__get__(None, cls), "class", drop_first=False)
    if isinstance(raw, _PROPERTY_TYPES):
        return MemberKind("property", raw)
    if isinstance(raw, type):
        return MemberKind("class", raw)
    if isinstance(raw, _INSTANCE_METHOD_TYPES):
        return MemberKind("function", raw, "instance", drop_first=True)
    if isinstance(raw, types.BuiltinFunctionType):  # C functions do not bind as methods
        return MemberKind("function", raw, "static", drop_first=False)
    if callable(raw) and not _is_typing_construct(raw):
        binds = hasattr(type(raw), "__get__")
        return MemberKind("function", raw, "instance" if binds else "static", drop_first=binds)
    return MemberKind("constant", raw)


def is_read_only_field(raw: object) -> bool:
    """A namedtuple's field: read, never assigned."""
    return isinstance(raw, _TUPLE_GETTER)


def is_function_like(obj: object) -> bool:
    """Module members described as functions: routines and other callable objects."""
    if inspect.isroutine(obj):
        return True
    return callable(obj) and not isinstance(obj, type) and not _is_typing_construct(obj)


def declared_annotations(cls: type):
    """(name, annotation, class) of public, non-ClassVar annotations along the MRO.

    These are instance attributes (`x: int` in a class body, dataclass fields without a
    default): not in any class dictionary, yet callers can get and set them.
    """
    for klass in _mro(cls):
        if klass is object:
            continue
        try:
            annotations = inspect.get_annotations(klass)
        except Exception:
            continue
        for name, annotation in annotations.items():
            if not name.startswith("_") and not _is_classvar(annotation):
                yield name, annotation, klass


def exception_mro(cls: type) -> list[str] | None:
    """For an exception class, "module.QualName" of each class along its MRO: the names a
    raised exception carries to the host (the agent's errors.mro_names, tested equal), by
    which the runtime finds the C++ class bound to it. None for other classes."""
    if not (isinstance(cls, type) and issubclass(cls, BaseException)):
        return None
    return [f"{getattr(c, '__module__', '?')}.{getattr(c, '__qualname__', '?')}"
            for c in cls.__mro__]


def bases(cls: type) -> list[type]:
    """Direct bases other than `object` (every class has that one)."""
    return [base for base in getattr(cls, "__bases__", ()) if base is not object]


def _is_classvar(annotation: object) -> bool:
    if isinstance(annotation, str):
        return annotation.startswith(("ClassVar", "typing.ClassVar"))
    return typing.get_origin(annotation) is typing.ClassVar or annotation is typing.ClassVar


def _is_typing_construct(obj: object) -> bool:
    """`Union[...]`, `List[int]`, TypeVars: callable objects that are really types."""
    module = getattr(type(obj), "__module__", "")
    return module in ("typing", "typing_extensions", "types") and not inspect.isroutine(obj)


def _mro(cls: type) -> tuple:
    try:
        return tuple(cls.__mro__)
    except Exception:
        return (cls,)


def _class_dict(klass: type):
    try:
        return vars(klass)
    except TypeError:
        return {}
