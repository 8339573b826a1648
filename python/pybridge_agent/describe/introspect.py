"""Build Symbol dicts (module, class, function, property, constant) for live objects.

Each symbol combines run-time inspection with the matching stub definition, found by the
name the object has in the module being described (stubs re-export like modules do) or,
failing that, by the object's own `__module__`/`__qualname__`.
"""

from __future__ import annotations

import ast
import enum
import importlib.util
import inspect
import types

from . import docs, named_classes
from . import typeexpr as tx
from .instance_attributes import InstanceAttributes
from .members import (MemberKind, bases, class_member_names, classify_class_attribute,
                      declared_annotations, exception_mro, is_function_like, is_read_only_field,
                      module_member_names, raw_class_attribute)
from .reprs import constant_repr
from .runtime_types import class_type, for_callable, type_of_value, unwrap
from .signatures import merge, runtime_overloads, runtime_signature
from .sources import Sources
from .stub_classes import StubOnlyClasses
from .stub_index import StubClass, StubFunction, StubModule, StubVar
from .stub_library import Resolved, StubLibrary
from .stub_signatures import function_signatures, property_type
from .stub_types import StubTypes
from .stub_types import class_type as stub_class_type

# Nested classes are described this deep; deeper ones (rare, or cycles) get no members.
MAX_CLASS_DEPTH = 3


class Describer:
    """Describes the objects of one module; holds the stub library and caches of one build."""

    def __init__(self, stubs: StubLibrary):
        self.stubs = stubs
        self.types = StubTypes(stubs)
        self.sources = Sources()  # the modules defining what was described
        self.instance_attributes = InstanceAttributes()
        self.stub_only = StubOnlyClasses(stubs, self.types)
        self._runtime_cache: dict[tuple, tuple] = {}

    # -- modules ---------------------------------------------------------------------------

    def module(self, module: types.ModuleType, module_name: str, also: list[str] = ()) -> dict:
        """The module symbol; `also` adds names asked for explicitly (even private ones).

        `module_name` is the name it was imported by (`os.path`), which the stubs use too.
        """
        names = set(module_member_names(module))
        names.update(name for name in also if _has_attribute(module, name)
                      or self.stub_only.find(module_name, name) is not None)
        members = {}
        for name in sorted(names):
            qualname = f"{module_name}.{name}"
            members[name] = self._safely(name, qualname, self._module_member, module,
                                         module_name, name, qualname)
        symbol = {"kind": "module", "name": module_name.rpartition(".")[2],
                  "qualname": module_name, "members": members}
        docs.annotate(symbol, module)
        return symbol

    def _module_member(self, module: types.ModuleType, module_name: str, name: str,
                       qualname: str) -> dict:
        try:
            obj = getattr(module, name)
        except AttributeError:
            stub_class = self.stub_only.find(module_name, name)
            if stub_class is not None:  # typeshed's `hashlib._Hash`: no such name at run time
                return self.stub_only.symbol(stub_class, name, qualname)
            if not _is_submodule(module, name):
                raise
            # `__all__` of a package may name submodules it does not import (xml: "dom")
            return {"kind": "module", "name": name, "qualname": f"{module.__name__}.{name}"}
        if isinstance(obj, types.ModuleType):
            return {"kind": "module", "name": name, "qualname": obj.__name__}
        stub = self._stub_for(module_name, name, obj)
        if isinstance(obj, type):
            return self.klass(obj, name, qualname, self._stub_class(stub), stack=())
        if is_function_like(obj):
            return self.function(obj, name, qualname, stub)
        return self.constant(obj, name, qualname)

    def _stub_for(self, module_name: str, name: str, obj: object) -> Resolved | None:
        """The stub definition of a module member, by re-export path or by its home."""
        found = self.stubs.lookup_path(module_name, [name])
        if _is_definition(found):
            return found
        home = getattr(obj, "__module__", None)
        qualname = getattr(obj, "__qualname__", None)
        if isinstance(home, str) and isinstance(qualname, str) and "<" not in qualname:
            found = self.stubs.lookup_path(home, qualname.split("."))
            if _is_definition(found):
                return found
        return None

    def _stub_class(self, stub: Resolved | None) -> StubClass | None:
        """The stub class of a run-time class; stubs may alias it (`float64 = floating[_64Bit]`)."""
        if stub is None:
            return None
        if isinstance(stub.entry, StubClass):
            return stub.entry
        if isinstance(stub.entry, StubVar) and stub.entry.value is not None:
            return self.stubs.resolve_class_expr(stub.module, stub.entry.value)
        return None

    # -- functions -------------------------------------------------------------------------

    def function(self, obj: object, name: str, qualname: str, stub: Resolved | None,
                 member: MemberKind | None = None, owner: type | None = None,
                 stub_class: StubClass | None = None) -> dict:
        """A function symbol; for class members, `member` says how it binds."""
        target = member.target if member else obj
        drop_first = member.drop_first if member else False
        owner_type = class_type(owner) if owner is not None else None
        self.sources.note(target)
        signatures = self._signatures(target, drop_first, stub, owner, owner_type, stub_class)
        unwrapped = unwrap(target)
        stub_async = _stub_is_async(stub)
        is_async = inspect.iscoroutinefunction(unwrapped) or stub_async
        # Only real generator functions: whether a result type is an iterator is for the
        # types table to say (an `Iterable` result may well be a list).
        async_gen = inspect.isasyncgenfunction(unwrapped)
        generator = inspect.isgeneratorfunction(unwrapped)
        symbol = {"kind": "function", "name": name, "qualname": qualname,
                  "signatures": signatures}
        if member is not None:
            symbol["method_kind"] = member.method_kind
        symbol.update({"generator": generator, "async": is_async, "async_generator": async_gen})
        stub_deprecation = stub.entry.deprecated if stub and isinstance(
            stub.entry, StubFunction) else None
        docs.annotate(symbol, unwrapped, name, stub_deprecation)
        return symbol

    def _signatures(self, target: object, drop_first: bool, stub: Resolved | None,
                    owner: type | None, owner_type: dict | None,
                    stub_class: StubClass | None) -> list[dict]:
        runtime, overloads = self._runtime_signatures(target, drop_first, owner)
        stub_sigs = self._stub_signatures(stub, owner_type, stub_class)
        return merge(runtime, stub_sigs, overloads)

    def _runtime_signatures(self, target: object, drop_first: bool, owner: type | None):
        """Run-time signature and overloads, cached: an inherited method recurs in every
        subclass (sympy: ~30k times), and only annotations naming `Self` depend on which."""
        key = (id(target), drop_first)
        cached = self._runtime_cache.get(key)
        if cached is not None and cached[0] is target and (not cached[1] or cached[2] is owner):
            return cached[3]
        converter = for_callable(target, owner)
        result = (runtime_signature(target, converter, drop_first),
                  runtime_overloads(target, converter, drop_first))
        self._runtime_cache[key] = (target, converter.used_owner, owner, result)
        return result

    def _stub_signatures(self, stub: Resolved | None, owner_type: dict | None,
                         stub_class: StubClass | None) -> list[dict]:
        if stub is None:
            return []
        entry = stub.entry
        if isinstance(entry, StubFunction) and not entry.is_property:
            return function_signatures(self.types, entry, stub.module, stub_class, owner_type)
        if isinstance(entry, StubVar) and entry.annotation is not None:
            # `add: _UFunc_Nin2_Nout1[...]`: a callable object typed by a class with __call__
            callable_class = self.stubs.resolve_class_expr(stub.module, entry.annotation)
            if callable_class is not None:
                return self._method_signatures(callable_class, "__call__")
        if isinstance(entry, StubVar) and entry.value is not None:
            return self._alias_signatures(stub.module, entry.value)
        if isinstance(entry, StubClass):
            return self._stub_constructor(entry, stub_class_type(entry))
        return []

    def _alias_signatures(self, module: StubModule, value: ast.expr) -> list[dict]:
        """`randint = _inst.randint` (random.pyi): a method of a module-level instance;
        `alias = func`: another function of the stub."""
        if isinstance(value, ast.Attribute):
            cls = self.stubs.instance_class(module, value.value)
            return self._method_signatures(cls, value.attr) if cls is not None else []
        if isinstance(value, ast.Name):
            found = self.stubs.resolve(module, value.id)
            if (found is not None and found.module is not None
                    and isinstance(found.entry, StubFunction) and not found.entry.is_property):
                return function_signatures(self.types, found.entry, found.module)
        return []

    def _method_signatures(self, cls: StubClass, method: str) -> list[dict]:
        found = self.stubs.find_member(cls, method)
        if found is None or not isinstance(found[0], StubFunction):
            return []
        entry, klass = found
        return function_signatures(self.types, entry, klass.module, klass)

    # -- classes ---------------------------------------------------------------------------

    def klass(self, cls: type, name: str, qualname: str, stub: StubClass | None,
              stack: tuple) -> dict:
        owner_type = class_type(cls)
        self.sources.note_class(cls)
        if stub is not None:
            named_classes.note_stub(owner_type["name"], stub)
        symbol = {"kind": "class", "name": name, "qualname": qualname,
                  "bases": [class_type(base)["name"] for base in bases(cls)]}
        mro = exception_mro(cls)
        if mro is not None:
            symbol["exception_mro"] = mro
        symbol["init"] = self._constructor(cls, stub, owner_type)
        if len(stack) >= MAX_CLASS_DEPTH or cls in stack:
            symbol["members"] = {}
        else:
            symbol["members"] = self._class_members(cls, qualname, stub, (*stack, cls))
        docs.annotate(symbol, cls, name)
        return symbol

    def _constructor(self, cls: type, stub: StubClass | None, owner_type: dict) -> list[dict]:
        runtime = runtime_signature(cls, for_callable(cls, cls))
        stub_sigs = self._stub_constructor(stub, owner_type) if stub else []
        return [dict(sig, returns=owner_type) for sig in merge(runtime, stub_sigs)]

    def _stub_constructor(self, stub: StubClass, owner_type: dict) -> list[dict]:
        found = self.stubs.find_constructor(stub)
        if found is None:
            return []
        func, klass = found
        return function_signatures(self.types, func, klass.module, klass, owner_type)

    def _class_members(self, cls: type, qualname: str, stub: StubClass | None,
                       stack: tuple) -> dict:
        members = {}
        for name in class_member_names(cls):
            member_qualname = f"{qualname}.{name}"
            members[name] = self._safely(name, member_qualname, self._class_member, cls, name,
                                         member_qualname, stub, stack)
        members = {name: symbol for name, symbol in members.items() if symbol is not None}
        for name, symbol in self._declared_attributes(cls, qualname, stub, members):
            members[name] = symbol
        return dict(sorted(members.items()))

    def _declared_attributes(self, cls: type, qualname: str, stub: StubClass | None,
                             known: dict):
        """Instance attributes no class dictionary holds, yet callers can get and set: declared
        by annotation (`x: int` in the class body or its stub, dataclass fields), properties
        only the stub declares (`HTTPStatus.phrase`), and attributes `__init__` assigns."""
        owner_type = class_type(cls)
        seen = set(known)
        for name, annotation, klass in declared_annotations(cls):
            if name not in seen:
                seen.add(name)
                type_expr = for_callable(klass, cls).convert(annotation)
                yield name, _attribute(name, f"{qualname}.{name}", type_expr, "runtime")
        for klass in self.stubs.class_mro(stub) if stub is not None else ():
            for name, entry in klass.scope.names.items():
                if name in seen or name.startswith("_") or not _declares_attribute(entry):
                    continue
                seen.add(name)
                type_expr, line = property_type(self.types, entry, klass.module, klass,
                                                owner_type)
                readonly = isinstance(entry, StubFunction) and not entry.has_setter
                yield name, _attribute(name, f"{qualname}.{name}", type_expr,
                                       f"stub:{klass.module.path}:{line}", readonly)
        for item in self.instance_attributes.of(cls):
            if item.name not in seen:
                seen.add(item.name)
                typed = item.annotation is not None
                type_expr = (for_callable(item.function or cls, cls).convert(item.annotation)
                             if typed else None)
                yield item.name, _attribute(item.name, f"{qualname}.{item.name}", type_expr,
                                            "runtime" if typed else "untyped")

    def _class_member(self, cls: type, name: str, qualname: str, stub: StubClass | None,
                      stack: tuple) -> dict | None:
        found = raw_class_attribute(cls, name)
        if found is None:
            return None
        raw, _definer = found
        if _is_enum_member(cls, name):  # 3.11 keeps members behind enum.property
            return self.constant(getattr(cls, name), name, qualname)
        member = classify_class_attribute(cls, name, raw)
        stub_member = self.stubs.find_member(stub, name) if stub is not None else None
        stub_entry, stub_class = stub_member if stub_member else (None, None)
        if member.kind == "function":
            resolved = (Resolved(stub_entry, stub_class.module)
                        if isinstance(stub_entry, StubFunction) else None)
            return self.function(raw, name, qualname, resolved, member, owner=cls,
                                 stub_class=stub_class)
        if member.kind == "property":
            return self.prop(raw, name, qualname, cls, stub_entry, stub_class)
        if member.kind == "class":
            nested = Resolved(stub_entry, stub_class.module) if stub_entry is not None else None
            return self.klass(raw, name, qualname, self._stub_class(nested), stack)
        return self.constant(raw, name, qualname)

    # -- properties and constants ----------------------------------------------------------

    def prop(self, raw: object, name: str, qualname: str, owner: type, stub_entry: object,
             stub_class: StubClass | None) -> dict:
        type_expr, source = self._runtime_property_type(raw, owner)
        if type_expr is None and is_read_only_field(raw):  # typing.NamedTuple's annotations
            for field, annotation, klass in declared_annotations(owner):
                if field == name:
                    type_expr, source = for_callable(klass, owner).convert(annotation), "runtime"
                    break
        stub_is_property = isinstance(stub_entry, StubFunction) and stub_entry.is_property
        if type_expr is None and stub_class is not None and (
                stub_is_property or isinstance(stub_entry, StubVar)):
            type_expr, line = property_type(self.types, stub_entry, stub_class.module,
                                            stub_class, class_type(owner))
            source = f"stub:{stub_class.module.path}:{line}"
        symbol = {"kind": "property", "name": name, "qualname": qualname, "type": type_expr,
                  "readonly": _readonly(raw, stub_entry), "source": source}
        getter = getattr(raw, "fget", None) or getattr(raw, "func", None) or raw
        self.sources.note(getter)
        docs.annotate(symbol, getter, name)
        return symbol

    @staticmethod
    def _runtime_property_type(raw: object, owner: type) -> tuple[dict | None, str]:
        getter = getattr(raw, "fget", None) or getattr(raw, "func", None)
        if getter is None:
            return None, "none"
        annotations = getattr(getter, "__annotations__", None) or {}
        if "return" not in annotations:
            return None, "none"
        return for_callable(getter, owner).convert(annotations["return"]), "runtime"

    @staticmethod
    def constant(value: object, name: str, qualname: str) -> dict:
        symbol = {"kind": "constant", "name": name, "qualname": qualname,
                  "type": type_of_value(value)}
        text = constant_repr(value)
        if text is not None:
            symbol["repr"] = text
        return symbol

    # -- robustness ------------------------------------------------------------------------

    @staticmethod
    def _safely(name: str, qualname: str, build, *args) -> dict | None:
        """One member's failure is recorded on that member, never fatal to the descriptor."""
        try:
            return build(*args)
        except Exception as error:  # noqa: BLE001 - any library may raise anything here
            return {"kind": "unknown", "name": name, "qualname": qualname,
                    "error": f"{type(error).__name__}: {_first_line(error)}"}


def _attribute(name: str, qualname: str, type_expr: dict | None, source: str,
               readonly: bool = False) -> dict:
    return {"kind": "property", "name": name, "qualname": qualname, "type": type_expr,
            "readonly": readonly, "source": source}


def _declares_attribute(entry: object) -> bool:
    """A stub's instance attribute (`x: int`, not a ClassVar) or property."""
    if isinstance(entry, StubFunction):
        return entry.is_property
    return (isinstance(entry, StubVar) and entry.annotation is not None
            and not _is_classvar(entry.annotation))


def _is_classvar(annotation: ast.expr) -> bool:
    node = annotation.value if isinstance(annotation, ast.Subscript) else annotation
    return ast.unparse(node).endswith("ClassVar")


def _is_definition(found: Resolved | None) -> bool:
    return found is not None and isinstance(found.entry, (StubFunction, StubClass, StubVar))


def _stub_is_async(stub: Resolved | None) -> bool:
    entry = stub.entry if stub else None
    return isinstance(entry, StubFunction) and all(
        isinstance(node, ast.AsyncFunctionDef) for node in entry.overloads)


def _readonly(raw: object, stub_entry: object) -> bool:
    if isinstance(raw, (property, types.DynamicClassAttribute)):
        return raw.fset is None
    if is_read_only_field(raw):
        return True
    if isinstance(raw, types.GetSetDescriptorType):
        if isinstance(stub_entry, StubFunction):
            return not stub_entry.has_setter
        return not isinstance(stub_entry, StubVar)
    return False  # member descriptors (__slots__), cached_property: assignable


def _is_enum_member(cls: type, name: str) -> bool:
    try:
        return issubclass(cls, enum.Enum) and name in cls.__members__
    except Exception:  # noqa: BLE001 - an odd metaclass
        return False


def _is_submodule(package: types.ModuleType, name: str) -> bool:
    """Whether `package.name` is a submodule, found without importing it."""
    if not hasattr(package, "__path__"):
        return False
    try:
        return importlib.util.find_spec(f"{package.__name__}.{name}") is not None
    except (ImportError, ValueError):
        return False


def _has_attribute(module: types.ModuleType, name: str) -> bool:
    try:
        getattr(module, name)
        return True
    except Exception:
        return False


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:200] if text else ""
