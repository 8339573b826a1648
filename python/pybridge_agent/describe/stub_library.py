"""Load stub modules on demand and resolve names across them.

Stubs re-export and import freely (`from _typeshed import StrPath`, `from posixpath import *`,
`import numpy as np`); resolving a name means following those imports to the definition.
Resolution stops at typing vocabulary (`typing`, `collections.abc`, `builtins`...): those
names are turned into canonical TypeExprs by `stub_types` without reading `typing.pyi`.
"""

from __future__ import annotations

import ast
import builtins
from dataclasses import dataclass

from .stub_files import StubFinder
from .stub_index import Scope, StubClass, StubFunction, StubImport, StubModule, StubVar, parse_stub

# Modules whose names are vocabulary, not definitions to follow.
STOP_MODULES = frozenset({"typing", "typing_extensions", "collections.abc", "_collections_abc",
                          "builtins"})
_STUB_ONLY_BUILTINS = frozenset({"function", "ellipsis"})


@dataclass(frozen=True)
class ModuleRef:
    """A name bound to a module (`import numpy as np`, `from numpy import linalg`)."""

    name: str


@dataclass(frozen=True)
class External:
    """A name in a module we do not read: typing vocabulary, builtins, or a module without stub."""

    module: str
    name: str


@dataclass
class Resolved:
    """A definition and the stub module it lives in (names in it resolve there)."""

    entry: object  # StubFunction | StubClass | StubVar | ModuleRef | External
    module: StubModule | None


class StubLibrary:
    def __init__(self, finder: StubFinder):
        self.finder = finder
        self._modules: dict[tuple[str, bool], StubModule | None] = {}
        self._resolved: dict[tuple[int, str], Resolved | None] = {}

    # -- modules ---------------------------------------------------------------------------

    def module(self, name: str, allow_source: bool = True) -> StubModule | None:
        """The parsed stub of `name` (a `.py` may stand in when `allow_source`)."""
        key = (name, allow_source)
        if key not in self._modules:
            path = self.finder.find(name, allow_source=allow_source)
            parsed = None
            if path is not None:
                try:
                    parsed = parse_stub(name, path)
                except (OSError, SyntaxError, UnicodeDecodeError, RecursionError):
                    parsed = None
            self._modules[key] = parsed
            if parsed is not None and not parsed.is_source:
                self._modules[(name, True)] = parsed
        return self._modules[key]

    def primary_stub(self, name: str) -> StubModule | None:
        """The `.pyi` describing a module we introspect; its `.py` would add nothing."""
        return self.module(name, allow_source=False)

    # -- names -----------------------------------------------------------------------------

    def resolve(self, module: StubModule, name: str,
                scope: Scope | None = None) -> Resolved | None:
        """Follow `name` as seen from `scope` (default: the module's top level)."""
        scope = scope or module.scope
        key = (id(scope), name)  # parsed modules live as long as the library: ids are stable
        if key not in self._resolved:
            self._resolved[key] = self._resolve(module, scope, name, seen=set())
        return self._resolved[key]

    def _resolve(self, module: StubModule, scope: Scope, name: str,
                 seen: set) -> Resolved | None:
        if (id(scope), name) in seen:  # import cycles between stubs do happen
            return None
        seen.add((id(scope), name))
        entry = scope.names.get(name)
        if isinstance(entry, StubImport):
            if entry.name is None:
                return Resolved(ModuleRef(entry.module), None)
            return self._module_member(entry.module, entry.name, seen, imported=True)
        if entry is not None:
            return Resolved(entry, module)
        for star in scope.star_imports:
            target = self._load_for(star)
            if target is not None:
                found = self._resolve(target, target.scope, name, seen)
                if found is not None:
                    return found
        return None

    def resolve_or_builtin(self, module: StubModule, name: str) -> Resolved | None:
        """`resolve`, falling back to builtins (stubs use `int`, `str` without importing)."""
        found = self.resolve(module, name)
        if found is None and (hasattr(builtins, name) or name in _STUB_ONLY_BUILTINS):
            return Resolved(External("builtins", name), None)
        return found

    def attribute(self, base: Resolved, attr: str) -> Resolved | None:
        """`base.attr` where base is a module or a class."""
        entry = base.entry
        if isinstance(entry, ModuleRef):
            return self.module_member(entry.name, attr)
        if isinstance(entry, StubClass):
            inner = entry.scope.names.get(attr)
            return Resolved(inner, entry.module) if inner is not None else None
        if isinstance(entry, External):
            return Resolved(External(f"{entry.module}.{entry.name}", attr), None)
        return None

    def module_member(self, module_name: str, attr: str) -> Resolved | None:
        return self._module_member(module_name, attr, set(), imported=False)

    def _module_member(self, module_name: str, attr: str, seen: set,
                       imported: bool) -> Resolved | None:
        """`module.attr`: a definition, a submodule, or (for an import, or a module without
        stub) an External naming it."""
        if module_name in STOP_MODULES:
            return Resolved(External(module_name, attr), None)
        target = self._load_for(module_name)
        if target is not None:
            found = self._resolve(target, target.scope, attr, seen)
            if found is not None:
                return found
        submodule = f"{module_name}.{attr}"
        if self._load_for(submodule) is not None:
            return Resolved(ModuleRef(submodule), None)
        if imported or target is None:
            return Resolved(External(module_name, attr), None)
        return None

    def lookup_path(self, module_name: str, parts: list[str]) -> Resolved | None:
        """The stub definition for the run-time dotted path `module_name.parts[0].parts[1]...`."""
        stub = self.primary_stub(module_name)
        if stub is None or not parts:
            return None
        found = self.resolve(stub, parts[0])
        for part in parts[1:]:
            if found is None:
                return None
            found = self.attribute(found, part)
        return found

    def _load_for(self, name: str) -> StubModule | None:
        return self.module(name, allow_source=True) if name else None

    # -- classes ---------------------------------------------------------------------------

    def class_mro(self, cls: StubClass) -> list[StubClass]:
        """The class and its stub bases, depth first, each once, `object` excluded."""
        order: list[StubClass] = []
        self._walk_bases(cls, order, seen=set(), depth=0)
        return order

    def _walk_bases(self, cls: StubClass, order: list[StubClass], seen: set, depth: int) -> None:
        key = (cls.module.name, cls.qualname)
        if key in seen or depth > 20:
            return
        seen.add(key)
        if key == ("builtins", "object"):
            return
        order.append(cls)
        for base in cls.node.bases:
            base_cls = self.resolve_class_expr(cls.module, base)
            if base_cls is not None:
                self._walk_bases(base_cls, order, seen, depth + 1)

    def resolve_expr(self, module: StubModule, expr: ast.expr,
                     scope: Scope | None = None) -> Resolved | None:
        """What a `Name` or dotted `Attribute` expression refers to.

        `scope` (a class body) is tried first for bare names, falling back to the module.
        """
        if isinstance(expr, ast.Name):
            if scope is not None:
                inner = scope.names.get(expr.id)
                if isinstance(inner, StubClass) or _is_type_var_or_alias(inner):
                    return Resolved(inner, module)
            return self.resolve_or_builtin(module, expr.id)
        if isinstance(expr, ast.Attribute):
            base = self.resolve_expr(module, expr.value, scope)
            return self.attribute(base, expr.attr) if base else None
        return None

    def resolve_class_expr(self, module: StubModule, expr: ast.expr) -> StubClass | None:
        """The StubClass an expression like `Sequence[str]` or `np.generic` names, if any.

        Unlike type conversion, this follows typing names into `typing.pyi`, so inherited
        members such as `Mapping.get` can be found.
        """
        if isinstance(expr, ast.Subscript):
            expr = expr.value
        return self._class_of(self.resolve_expr(module, expr))

    def _class_of(self, found: Resolved | None) -> StubClass | None:
        """The class a resolved name is, following re-exports of vocabulary modules
        (`collections.abc` re-exports `_collections_abc`, which imports from `typing`) and
        class aliases."""
        for _ in range(8):
            if found is None:
                return None
            if isinstance(found.entry, StubClass):
                return found.entry
            if (isinstance(found.entry, StubVar) and found.module is not None
                    and isinstance(found.entry.value, (ast.Name, ast.Attribute))):
                found = self.resolve_expr(found.module, found.entry.value)  # `_Base = ReprEnum`
                continue
            if not isinstance(found.entry, External):
                return None
            target = self._load_for(found.entry.module)
            if target is None:
                return None
            found = self.resolve(target, found.entry.name)
        return None

    def class_of(self, found: Resolved | None) -> StubClass | None:
        return self._class_of(found)

    def instance_class(self, module: StubModule, expr: ast.expr) -> StubClass | None:
        """The class of a module-level instance (`_inst: Random = ...` for `_inst`)."""
        found = self.resolve_expr(module, expr)
        if (found is None or found.module is None or not isinstance(found.entry, StubVar)
                or found.entry.annotation is None):
            return None
        return self.resolve_class_expr(found.module, found.entry.annotation)

    def find_member(self, cls: StubClass, name: str) -> tuple[object, StubClass] | None:
        """A member by name through the stub MRO, with the class that defines it."""
        for klass in self.class_mro(cls):
            entry = klass.scope.names.get(name)
            if entry is not None and not isinstance(entry, StubImport):
                return entry, klass
        return None

    def find_constructor(self, cls: StubClass) -> tuple[StubFunction, StubClass] | None:
        """`__init__` or `__new__` of the nearest stub class defining either (not `object`)."""
        for klass in self.class_mro(cls):
            init = klass.scope.names.get("__init__")
            new = klass.scope.names.get("__new__")
            candidates = [f for f in (init, new) if isinstance(f, StubFunction)]
            if not candidates:
                continue
            specific = [f for f in candidates if not _is_generic(f)]
            return (specific or candidates)[0], klass
        return None


def _is_type_var_or_alias(entry: object) -> bool:
    """Class-body names that may be used in annotations (`_T = TypeVar(...)`, aliases)."""
    if not isinstance(entry, StubVar) or entry.value is None:
        return False
    return entry.annotation is None or _dotted_name(entry.annotation).endswith("TypeAlias")


def _dotted_name(expr: ast.expr) -> str:
    return ast.unparse(expr)


def _is_generic(func: StubFunction) -> bool:
    """`def __init__(self, *args, **kwargs)`: says nothing useful about construction."""
    node = func.overloads[0]
    args = node.args
    return (len(func.overloads) == 1 and not args.kwonlyargs and not args.posonlyargs
            and len(args.args) <= 1 and (args.vararg is not None or args.kwarg is not None))


__all__ = ["External", "ModuleRef", "Resolved", "StubClass", "StubFunction", "StubLibrary",
           "StubModule", "StubVar"]
