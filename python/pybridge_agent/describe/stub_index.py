"""Parse one stub (or source) file into scopes of named definitions.

Only module- and class-level statements matter for signatures and types. `if` branches
are chosen with `stub_conditions.evaluate`, so the index holds exactly the definitions that
apply to the running interpreter. Nothing here follows imports: that is `stub_library`'s job.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from . import stub_conditions

Def = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass
class StubImport:
    """`from module import name` (name set) or `import module [as x]` (name None)."""

    module: str
    name: str | None = None


@dataclass
class StubVar:
    """A module/class-level assignment: a type alias, a TypeVar, or a typed variable."""

    name: str
    annotation: ast.expr | None
    value: ast.expr | None
    lineno: int


@dataclass
class StubFunction:
    """A function with its `@overload`s (in order) and, for properties, the setter."""

    name: str
    overloads: list[Def]
    decorators: frozenset[str]
    has_setter: bool = False
    deprecated: str | None = None

    @property
    def is_property(self) -> bool:
        return bool(self.decorators & {"property", "cached_property", "DynamicClassAttribute",
                                       "_magic_enum_attr"})  # enum.pyi's name for property


@dataclass
class Scope:
    names: dict[str, object] = field(default_factory=dict)
    star_imports: list[str] = field(default_factory=list)


@dataclass
class StubClass:
    name: str
    qualname: str
    node: ast.ClassDef
    scope: Scope
    module: "StubModule"


@dataclass
class StubModule:
    name: str
    path: str
    is_package: bool
    is_source: bool
    scope: Scope = field(default_factory=Scope)

    def location(self, node: ast.AST) -> str:
        return f"stub:{self.path}:{node.lineno}"


def parse_stub(name: str, path: str) -> StubModule:
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read(), filename=path)
    is_package = path.endswith(("__init__.pyi", "__init__.py"))
    module = StubModule(name=name, path=path, is_package=is_package,
                        is_source=path.endswith(".py"))
    _Collector(module).collect(tree.body, module.scope, prefix="")
    return module


class _Collector:
    """Walks statements into a Scope, one module at a time."""

    def __init__(self, module: StubModule):
        self.module = module

    def collect(self, body: list[ast.stmt], scope: Scope, prefix: str) -> None:
        for stmt in body:
            self._statement(stmt, scope, prefix)

    def _statement(self, stmt: ast.stmt, scope: Scope, prefix: str) -> None:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            self._function(stmt, scope)
        elif isinstance(stmt, ast.ClassDef):
            self._class(stmt, scope, prefix)
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            name = stmt.target.id
            scope.names[name] = StubVar(name, stmt.annotation, stmt.value, stmt.lineno)
        elif isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                if isinstance(target, ast.Name):
                    scope.names[target.id] = StubVar(target.id, None, stmt.value, stmt.lineno)
        elif isinstance(stmt, ast.ImportFrom):
            self._import_from(stmt, scope)
        elif isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.asname:
                    scope.names[alias.asname] = StubImport(alias.name)
                else:
                    top = alias.name.split(".")[0]
                    scope.names.setdefault(top, StubImport(top))
        elif isinstance(stmt, ast.If):
            self._if(stmt, scope, prefix)
        elif isinstance(stmt, ast.Try):  # source files: the `try` body is the normal path
            self.collect(stmt.body + stmt.orelse + stmt.finalbody, scope, prefix)

    def _if(self, stmt: ast.If, scope: Scope, prefix: str) -> None:
        verdict = stub_conditions.evaluate(stmt.test)
        if verdict is None or verdict:
            self.collect(stmt.body, scope, prefix)
        if verdict is None:
            # Undecidable: the `else` branch only fills names the `if` branch did not define.
            fallback = Scope()
            self.collect(stmt.orelse, fallback, prefix)
            for name, entry in fallback.names.items():
                scope.names.setdefault(name, entry)
        elif not verdict:
            self.collect(stmt.orelse, scope, prefix)

    def _class(self, stmt: ast.ClassDef, scope: Scope, prefix: str) -> None:
        qualname = prefix + stmt.name
        body = Scope()
        self.collect(stmt.body, body, prefix=qualname + ".")
        scope.names[stmt.name] = StubClass(stmt.name, qualname, stmt, body, self.module)

    def _function(self, stmt: Def, scope: Scope) -> None:
        decorators = frozenset(_decorator_names(stmt))
        existing = scope.names.get(stmt.name)
        if isinstance(existing, StubFunction):
            if any(d.endswith(".setter") for d in decorators):
                existing.has_setter = True
                return
            if any(d.endswith(".deleter") for d in decorators):
                return
            if "overload" in decorators and "overload" in existing.decorators:
                existing.overloads.append(stmt)
                return
            if "overload" in existing.decorators and self.module.is_source:
                return  # the implementation after the overloads of a source file
        scope.names[stmt.name] = StubFunction(
            stmt.name, [stmt], decorators, deprecated=_deprecation_message(stmt))

    def _import_from(self, stmt: ast.ImportFrom, scope: Scope) -> None:
        base = self._absolute(stmt.module, stmt.level)
        for alias in stmt.names:
            if alias.name == "*":
                scope.star_imports.append(base)
            elif stmt.module is None:  # `from . import sub`: a submodule
                scope.names[alias.asname or alias.name] = StubImport(f"{base}.{alias.name}")
            else:
                scope.names[alias.asname or alias.name] = StubImport(base, alias.name)

    def _absolute(self, module: str | None, level: int) -> str:
        if level == 0:
            return module or ""
        parts = self.module.name.split(".")
        if not self.module.is_package:
            parts = parts[:-1]
        if level > 1:
            parts = parts[: len(parts) - (level - 1)]
        if module:
            parts.append(module)
        return ".".join(parts)


def _decorator_names(stmt: Def) -> list[str]:
    """`@overload`, `@typing.overload` -> "overload"; `@x.setter` -> "x.setter"."""
    names = []
    for decorator in stmt.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        dotted = _dotted(target)
        if dotted is None:
            continue
        head, _, last = dotted.rpartition(".")
        names.append(dotted if last in ("setter", "deleter", "getter") else last)
    return names


def _deprecation_message(stmt: Def) -> str | None:
    """`@deprecated("use x")` (typing_extensions / warnings) -> "use x"."""
    for decorator in stmt.decorator_list:
        if isinstance(decorator, ast.Call) and _dotted(decorator.func) in (
                "deprecated", "typing_extensions.deprecated", "warnings.deprecated"):
            if decorator.args and isinstance(decorator.args[0], ast.Constant):
                return str(decorator.args[0].value)
            return "deprecated"
    return None


def _dotted(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None
