"""Python's subtype relation for the classes a descriptor names: its `types` table.

For every class the descriptor describes or names in an annotation, the table lists the types
its instances also are (docs/descriptor-format.md, "Types"):

- nominal: the run-time MRO, and the bases a stub (typeshed) declares, transitively and with
  their type arguments: `class BytesIO(BufferedIOBase, BinaryIO)` makes `_io.BytesIO` an
  `IO[bytes]`, `class list(MutableSequence[_T])` makes `list[@0]` a `Sequence[@0]`;
- registered: ABCs that `issubclass` accepts without inheritance (`collections.deque` is a
  `Sequence` by registration, `float` a `numbers.Real`);
- structural: protocols (`Iterable`, `SupportsIndex`, `os.PathLike`, numpy's `_SupportsDType`)
  whose members the class really has, with type arguments unified from the member types;
- promotion: PEP 484's numeric promotions (an `int` where a `float` or `complex` is expected).

`@0`, `@1`, ... in a supertype stand for the class's own type parameters. mypy is the reference
for these rules; the plugin asks this table instead of knowing any class by name.
"""

from __future__ import annotations

import abc
import ast
import collections.abc
import contextlib
import inspect
import io
import numbers
import os
import sys
import typing

from . import named_classes
from . import typeexpr as tx
from .named_classes import Named
from .members import declared_annotations
from .runtime_types import class_type, for_callable
from .stub_index import StubClass, StubFunction, StubImport, StubVar
from .stub_library import External, Resolved, StubLibrary
from .stub_types import StubTypes, TypeContext
from .stub_types import class_type as stub_class_type
from .stub_types import loaded_class

REGISTERED, STRUCTURAL, PROMOTION = "registered", "structural", "promotion"

# Stub modules whose Protocol classes every class is checked against (besides the protocols
# the descriptor itself names).
_PROTOCOL_MODULES = ("typing", "typing_extensions", "_typeshed", "os", "contextlib")
# Modules whose ABCs `issubclass` is asked about (registration, __subclasshook__).
_ABC_MODULES = (collections.abc, numbers, io, os, contextlib)
# Class-body names that say nothing about what instances have.
_NOT_MEMBERS = frozenset({
    "__slots__", "__class_getitem__", "__init__", "__new__", "__init_subclass__",
    "__subclasshook__", "__abstractmethods__", "__parameters__", "__orig_bases__",
    "__module__", "__doc__", "__dict__", "__weakref__", "__annotations__", "__match_args__",
    "__protocol_attrs__", "__type_params__", "__qualname__",
})
_PROMOTIONS = {"int": ("float", "complex"), "float": ("complex",)}
# Bases that make a class generic or a protocol, not a kind of value.
_TYPING_BASES = tuple(getattr(typing, name) for name in ("Generic", "Protocol"))
# The worker sends instances of subclasses of these by value, tested in this order
# (pybridge_agent/codec.py): an IntEnum travels as an int, a namedtuple as a tuple.
_VALUE_TYPES = (bool, int, float, str, bytes, bytearray, dict, tuple, list, set, frozenset)
# Deeper base chains than this are cycles or pathological.
_MAX_DEPTH = 24


def value_type(cls: type) -> str | None:
    """The builtin whose value form instances of `cls` travel in, if any: subclasses of the
    value types, and numpy scalars (the worker sends `.item()`)."""
    numpy = sys.modules.get("numpy")
    if numpy is not None:
        for scalar, builtin in ((numpy.bool_, "bool"), (numpy.integer, "int"),
                                (numpy.floating, "float"), (numpy.complexfloating, "complex")):
            try:
                if issubclass(cls, scalar):
                    return builtin
            except TypeError:
                return None
    for value in _VALUE_TYPES:
        try:
            if issubclass(cls, value):
                return "bytes" if value is bytearray else value.__name__
        except TypeError:  # an odd metaclass
            return None
    return None


class _Protocol:
    """A protocol class (of a stub, or defined at run time), with the members an instance
    must have."""

    def __init__(self, name: str, stub: StubClass | None, members: frozenset, params: list):
        self.name = name
        self.stub = stub
        self.members = members
        self.params = params  # TypeVar keys, in order


class TypeTable:
    """Computes the `types` table of one descriptor from the classes it named."""

    def __init__(self, stubs: StubLibrary, types: StubTypes):
        self.stubs = stubs
        self.types = types
        self._protocols: list[_Protocol] | None = None
        self._abcs: list[type] | None = None

    def entries(self, named: dict[str, Named]) -> dict[str, dict]:
        """name -> {"supertypes": [...], "value_type"?} for every name in `named`."""
        table = {}
        with named_classes.paused():
            names = sorted(named)
            self._protocols = self._protocol_universe(named)
            for name in names:
                entry = self._entry(name, named[name])
                if entry is not None:
                    table[name] = entry
            for name in sorted(self.types.kept_aliases):
                alias = self.types.kept_alias(name)
                if alias is not None:
                    table[name] = {"alias": alias}
            if "numpy" in sys.modules:
                table[tx.NUMPY_ARRAYLIKE] = {"alias": _ARRAYLIKE}
        return table

    # -- one class ---------------------------------------------------------------------------

    def _entry(self, name: str, named: Named) -> dict | None:
        live = named.live if isinstance(named.live, type) else _live_of(named.stub)
        stub = self._stub_of(named, live)
        if live is None and stub is None:
            return None
        params = self._params(stub) if stub is not None else []
        env = {key: tx.named(f"@{index}") for index, key in enumerate(params)}
        found: dict[str, dict] = {}
        fields = self._named_tuple(live, stub)
        if fields is not None:  # a namedtuple is a tuple of its fields' types
            found["tuple"] = tx.named("tuple", fields)
        envs: dict[int, tuple[StubClass, dict]] = {}
        if stub is not None:
            envs[id(stub)] = (stub, env)
            self._declared(stub, env, found, envs, depth=0)
        if live is not None:
            self._runtime_bases(live, found)
            self._registered(live, found)
        owner = tx.named(name, [tx.named(f"@{i}") for i in range(len(params))])
        self._structural(name, live, stub, owner, envs, found)
        for promoted in _PROMOTIONS.get(name, ()):
            found.setdefault(promoted, dict(tx.named(promoted), via=PROMOTION))
        found.pop(name, None)
        entry = {"supertypes": list(found.values())}
        protocol = self._protocol_named(name)
        if protocol is not None:  # what the plugin checks other modules' classes against
            entry["protocol"] = sorted(protocol.members)
        contravariant = [i for i, key in enumerate(params) if self._contravariant(key)]
        if contravariant:  # SupportsWrite[T]: what takes a T takes any subtype of T
            entry["contravariant"] = contravariant
        kind = value_type(live) if live is not None else None
        if kind is not None and kind != name:
            entry["value_type"] = kind
        return entry

    def _named_tuple(self, live: type | None, stub: StubClass | None) -> list[dict] | None:
        """The item types of a namedtuple class: annotated at run time or in its stub."""
        fields = getattr(live, "_fields", None) if isinstance(live, type) else None
        if not isinstance(fields, tuple) or not issubclass(live, tuple):
            return None
        annotations = {}
        for name, annotation, klass in declared_annotations(live):
            annotations.setdefault(name, for_callable(klass, live).convert(annotation))
        for klass in self.stubs.class_mro(stub) if stub is not None else ():
            for name, entry in klass.scope.names.items():
                if isinstance(entry, StubVar) and entry.annotation is not None:
                    annotations.setdefault(name, self.types.convert(
                        entry.annotation, TypeContext(klass.module, klass.scope)))
        return [annotations.get(field, tx.ANY) for field in fields if isinstance(field, str)]

    def _stub_of(self, named: Named, live: type | None) -> StubClass | None:
        stub = named.stub
        if isinstance(stub, External):
            return self.stubs.class_of(Resolved(stub, None))
        if isinstance(stub, StubClass):
            return stub
        if live is None:
            return None
        module = getattr(live, "__module__", None)
        qualname = getattr(live, "__qualname__", None)
        if not isinstance(module, str) or not isinstance(qualname, str) or "<" in qualname:
            return None
        # C classes live in private modules that typeshed describes under the public name
        # (`_io.StringIO` in io.pyi, `_csv.Reader`... in _csv.pyi).
        for home in dict.fromkeys((module, module.lstrip("_"))):
            found = self.stubs.class_of(self.stubs.lookup_path(home, qualname.split(".")))
            if found is not None:
                return found
        return None

    def _params(self, stub: StubClass) -> list[tuple[str, str]]:
        """The class's TypeVars: `Generic[...]`'s, else those of its bases in order."""
        ctx = TypeContext(stub.module, stub.scope)
        generic, seen = None, []
        for base in stub.node.bases:
            if not isinstance(base, ast.Subscript):
                continue
            head = ast.unparse(base.value).rsplit(".", 1)[-1]
            keys = []
            for node in _names(base.slice):
                key = self.types.typevar_key(node, ctx)
                if key is not None and key not in keys:
                    keys.append(key)
            if head in ("Generic", "Protocol"):
                generic = keys
            for key in keys:
                if key not in seen:
                    seen.append(key)
        return generic if generic is not None else seen

    def _contravariant(self, key: tuple[str, str]) -> bool:
        """Whether the TypeVar `key` is declared `contravariant=True`."""
        found = self.stubs.module_member(*key)
        call = getattr(found.entry, "value", None) if found is not None else None
        return isinstance(call, ast.Call) and any(
            keyword.arg == "contravariant" and isinstance(keyword.value, ast.Constant)
            and keyword.value.value is True for keyword in call.keywords)

    def _declared(self, stub: StubClass, env: dict, found: dict, envs: dict,
                  depth: int) -> None:
        """The bases the stub declares, transitively, with their type arguments."""
        if depth > _MAX_DEPTH:
            return
        for base in stub.node.bases:
            head = base.value if isinstance(base, ast.Subscript) else base
            if ast.unparse(head).rsplit(".", 1)[-1] in ("Generic", "Protocol", "object"):
                continue
            converted = self.types.convert(base, TypeContext(stub.module, stub.scope, env=env))
            if converted is None or converted.get("name") in ("Any", "?"):
                continue
            found.setdefault(converted["name"], converted)
            base_class = self.stubs.resolve_class_expr(stub.module, base)
            if base_class is None or id(base_class) in envs:
                continue
            args = converted.get("args", [])
            params = self._params(base_class)
            base_env = {key: args[i] if i < len(args) else tx.ANY for i, key in enumerate(params)}
            envs[id(base_class)] = (base_class, base_env)
            self._declared(base_class, base_env, found, envs, depth + 1)

    @staticmethod
    def _runtime_bases(live: type, found: dict) -> None:
        for klass in _mro(live)[1:]:
            if klass is not object and klass not in _TYPING_BASES:
                base = class_type(klass)
                if base["name"] != "Any":
                    found.setdefault(base["name"], base)

    def _registered(self, live: type, found: dict) -> None:
        for candidate in self._runtime_abcs():
            name = class_type(candidate)["name"]
            if name in found or name == "Any":
                continue
            try:
                if issubclass(live, candidate):
                    found[name] = dict(tx.named(name), via=REGISTERED)
            except Exception:  # noqa: BLE001 - a __subclasshook__ may raise anything
                continue

    def _runtime_abcs(self) -> list[type]:
        if self._abcs is None:
            self._abcs = []
            for module in _ABC_MODULES:
                for attr in sorted(vars(module)):
                    value = getattr(module, attr)
                    if isinstance(value, abc.ABCMeta) and not attr.startswith("_"):
                        self._abcs.append(value)
        return self._abcs

    # -- protocols ---------------------------------------------------------------------------

    def _protocol_universe(self, named: dict[str, Named]) -> list[_Protocol]:
        candidates: dict[int, StubClass] = {}
        for module_name in _PROTOCOL_MODULES:
            module = self.stubs.module(module_name, allow_source=False)
            for entry in module.scope.names.values() if module is not None else ():
                if isinstance(entry, StubClass):
                    candidates.setdefault(id(entry), entry)
        for item in named.values():
            if isinstance(item.stub, StubClass):
                candidates.setdefault(id(item.stub), item.stub)
        protocols = []
        for stub in candidates.values():
            if not _is_protocol(stub):
                continue
            members = self._protocol_members(stub)
            if members:
                name = stub_class_type(stub)["name"]
                protocols.append(_Protocol(name, stub, members, self._params(stub)))
        known = {protocol.name for protocol in protocols}
        for name, item in named.items():
            members = _live_protocol_members(item.live)
            if members and name not in known and not isinstance(item.stub, StubClass):
                protocols.append(_Protocol(name, None, members, []))
        return protocols

    def _protocol_named(self, name: str) -> _Protocol | None:
        return next((p for p in self._protocols or () if p.name == name), None)

    def _protocol_members(self, stub: StubClass) -> frozenset:
        names = set()
        for klass in self.stubs.class_mro(stub):
            if klass is stub or _is_protocol(klass):
                names.update(name for name, entry in klass.scope.names.items()
                             if not isinstance(entry, StubImport) and name not in _NOT_MEMBERS)
        return frozenset(names)

    def _structural(self, name: str, live: type | None, stub: StubClass | None, owner: dict,
                    envs: dict, found: dict) -> None:
        members = _live_members(live) if live is not None else self._stub_members(stub)
        for protocol in self._protocols or ():
            known = found.get(protocol.name)
            if protocol.name == name or (known is not None and known.get("args")):
                continue
            if not protocol.members <= members:
                continue
            args = self._infer_args(protocol, live, stub, owner, envs, found)
            if known is not None:  # registered by __subclasshook__: the arguments are news
                if args:
                    found[protocol.name] = dict(tx.named(protocol.name, args), via=known["via"])
                continue
            found[protocol.name] = dict(tx.named(protocol.name, args), via=STRUCTURAL)

    def _stub_members(self, stub: StubClass) -> set[str]:
        names = set()
        for klass in self.stubs.class_mro(stub):
            names.update(name for name, entry in klass.scope.names.items()
                         if not isinstance(entry, StubImport))
        return names

    def _infer_args(self, protocol: _Protocol, live: type | None, stub: StubClass | None,
                    owner: dict, envs: dict, found: dict) -> list[dict]:
        """The protocol's type arguments, unified from the types of the class's members that
        the protocol's members are declared with (`__iter__ -> Iterator[$0]`)."""
        if not protocol.params or protocol.stub is None:
            return []
        marks = {key: tx.named(f"${i}") for i, key in enumerate(protocol.params)}
        bindings: dict[str, dict] = {}
        for member in sorted(protocol.members):
            wanted = self._member_types(protocol.stub, member, marks, None)
            have = (self._stub_member_types(stub, member, owner, envs) if stub is not None
                    else None) or (self._live_member_types(live, member, owner)
                                   if live is not None else None)
            if wanted is None or have is None:
                continue
            for pattern, concrete in zip(wanted, have):
                if pattern is not None and concrete is not None:
                    _unify(pattern, concrete, bindings, owner["name"], found)
        args = [bindings.get(f"${i}", tx.ANY) for i in range(len(protocol.params))]
        return [] if all(arg is tx.ANY for arg in args) else args

    def _member_types(self, klass: StubClass, member: str, env: dict,
                      owner: dict | None) -> tuple | None:
        """(return type, first parameter type) of a stub class's method, or None."""
        entry = klass.scope.names.get(member)
        if not isinstance(entry, StubFunction) or entry.is_property:
            return None
        node = entry.overloads[0]
        ctx = TypeContext(klass.module, klass.scope, owner, env=env)
        positional = [*node.args.posonlyargs, *node.args.args][1:]
        first = self.types.convert(positional[0].annotation, ctx) if positional else None
        return self.types.convert(node.returns, ctx), first

    def _stub_member_types(self, stub: StubClass, member: str, owner: dict,
                           envs: dict) -> tuple | None:
        found = self.stubs.find_member(stub, member)
        if found is None:
            return None
        klass = found[1]
        env = envs.get(id(klass), (klass, {}))[1]
        return self._member_types(klass, member, env, owner)

    @staticmethod
    def _live_member_types(live: type, member: str, owner: dict) -> tuple | None:
        function = getattr(live, member, None)
        try:
            annotations = inspect.get_annotations(function)
        except Exception:  # noqa: BLE001 - not a function, or odd annotations
            return None
        if "return" not in annotations:
            return None
        return for_callable(function, live).convert(annotations["return"]), None


def _live_of(stub: object) -> type | None:
    """The run-time class a stub names, if its module is loaded (never imported here)."""
    if isinstance(stub, External):
        module, qualname = stub.module, stub.name
    elif isinstance(stub, StubClass):
        module, qualname = stub.module.name, stub.qualname
    else:
        return None
    found = loaded_class(module, qualname)
    return found if isinstance(found, type) else None


def _unify(pattern: dict, concrete: dict, bindings: dict, own: str, found: dict,
           depth: int = 0) -> None:
    """Binds the `$i` marks of `pattern` to the parts of `concrete` in their place."""
    name = pattern.get("name", "")
    if depth > _MAX_DEPTH:
        return
    if name.startswith("$"):
        bindings.setdefault(name, concrete)
        return
    other = concrete.get("name")
    if other in ("Any", "?"):
        return
    if other == own and other != name and name in found:
        concrete = found[name]  # `-> Self` where the pattern names one of the class's bases
    elif other != name:
        return
    for sub_pattern, sub_concrete in zip(pattern.get("args", []), concrete.get("args", [])):
        _unify(sub_pattern, sub_concrete, bindings, own, found, depth + 1)


def _is_protocol(stub: StubClass) -> bool:
    for base in stub.node.bases:
        head = base.value if isinstance(base, ast.Subscript) else base
        if ast.unparse(head).rsplit(".", 1)[-1] == "Protocol":
            return True
    return False


def _live_members(cls: type) -> set[str]:
    """Names the class's instances have from their classes (not from `object`)."""
    names = set()
    for klass in _mro(cls):
        if klass is object:
            continue
        try:
            names.update(vars(klass))
        except TypeError:
            continue
    if getattr(cls, "__hash__", None) is None:
        names.discard("__hash__")  # unhashable
    else:
        names.add("__hash__")
    return names


# What typing itself leaves out of a run-time protocol's members.
_PROTOCOL_INTERNALS = frozenset({
    "_is_protocol", "_is_runtime_protocol", "__non_callable_proto_members__", "__args__",
    "__next_in_mro__", "__origin__", "__extra__", "__tree_hash__", "_MutableMapping__marker",
    "_gorg",
})


def _live_protocol_members(cls: object) -> frozenset:
    """The members of a protocol class defined at run time (`class P(typing.Protocol)`)."""
    if not isinstance(cls, type) or not cls.__dict__.get("_is_protocol", False):
        return frozenset()
    names = set()
    for klass in _mro(cls)[:-1]:
        if klass.__name__ in ("Protocol", "Generic") or not getattr(klass, "_is_protocol", False):
            continue
        for name in [*vars(klass), *getattr(klass, "__annotations__", {})]:
            if (name not in _NOT_MEMBERS and name not in _PROTOCOL_INTERNALS
                    and not name.startswith("_abc_")):
                names.add(name)
    return frozenset(names)


def _mro(cls: type) -> tuple:
    try:
        return tuple(cls.__mro__)
    except Exception:  # noqa: BLE001 - a metaclass may hide it
        return (cls,)


def _names(node: ast.AST):
    if isinstance(node, (ast.Name, ast.Attribute)):
        yield node
        return
    for child in ast.iter_child_nodes(node):
        yield from _names(child)


# numpy's array-likes, which descriptors keep by one name (numpy's stubs spell dozens of
# `_ArrayLike*_co` variants): what that name stands for. Numbers only: numpy's functions
# take the numeric variants (`_ArrayLikeFloat_co`...), which do not take strings.
_ARRAYLIKE = tx.make_union([
    tx.named(tx.NUMPY_NDARRAY), tx.named("bool"), tx.named("int"), tx.named("float"),
    tx.named("complex"), tx.named("numpy._typing._array_like._SupportsArray"),
    tx.named("Sequence", [tx.named(tx.NUMPY_ARRAYLIKE)]),
])
