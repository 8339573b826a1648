"""Instance attributes no class dictionary holds: assigned in `__init__`, or attrs fields.

`self.name = name` in `__init__` is the commonest way Python code gives an object data, and
untyped code says nothing else about it. Each module's source is parsed once; an attribute's
type is its annotation (`self.x: int = ...`), else the annotation of the `__init__` parameter
it is assigned from (`def __init__(self, name: str): self.name = name`), else unknown.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass

# `__init__` and the methods dataclasses and attrs call from it.
_INIT_METHODS = ("__init__", "__post_init__", "__attrs_post_init__")


@dataclass
class Assigned:
    """One attribute and what types it: annotation text or a class (None: unknown), read in
    the globals of `function` (the run-time __init__, or the class)."""

    name: str
    annotation: object
    function: object


class InstanceAttributes:
    """Finds the attributes classes assign to `self`; caches each module's parsed source."""

    def __init__(self):
        self._classes: dict[str, dict[str, ast.ClassDef] | None] = {}

    def of(self, cls: type) -> list[Assigned]:
        """Public attributes `__init__` (of the class or a base) assigns, first definition wins."""
        found: dict[str, Assigned] = {}
        for klass in _mro(cls):
            if klass is object:
                continue
            node = self._class_node(klass)
            if node is None:
                continue
            for method in node.body:
                if isinstance(method, ast.FunctionDef) and method.name in _INIT_METHODS:
                    function = vars(klass).get(method.name)
                    for item in _assignments(method, function):
                        found.setdefault(item.name, item)
        for item in _attrs_fields(cls):
            found.setdefault(item.name, item)
        return [item for item in found.values() if not item.name.startswith("_")]

    def _class_node(self, klass: type) -> ast.ClassDef | None:
        module_name = getattr(klass, "__module__", None)
        qualname = getattr(klass, "__qualname__", "")
        if not isinstance(module_name, str) or "<" in qualname:
            return None
        if module_name not in self._classes:
            self._classes[module_name] = _parse_classes(sys.modules.get(module_name))
        classes = self._classes[module_name]
        return classes.get(qualname) if classes else None


def _parse_classes(module: object) -> dict[str, ast.ClassDef] | None:
    """Every class of a module's source by qualified name, or None without Python source."""
    filename = getattr(module, "__file__", None)
    if not isinstance(filename, str) or not filename.endswith(".py"):
        return None
    try:
        with open(filename, encoding="utf-8") as handle:
            tree = ast.parse(handle.read(), filename)
    except (OSError, SyntaxError, UnicodeDecodeError, ValueError, RecursionError):
        return None
    classes: dict[str, ast.ClassDef] = {}

    def walk(body: list, prefix: str) -> None:
        for stmt in body:
            if isinstance(stmt, ast.ClassDef):
                classes[prefix + stmt.name] = stmt
                walk(stmt.body, prefix + stmt.name + ".")
            elif isinstance(stmt, (ast.If, ast.Try)):
                walk(stmt.body + getattr(stmt, "orelse", []), prefix)

    walk(tree.body, "")
    return classes


def _assignments(method: ast.FunctionDef, function: object) -> list[Assigned]:
    """`self.x = ...` / `self.x: T = ...` anywhere in the method's body (not nested ones)."""
    if not method.args.args:
        return []
    self_name = method.args.args[0].arg
    params = {arg.arg: arg.annotation for arg in (*method.args.args, *method.args.kwonlyargs)}
    found = []
    for node in _statements(method.body):
        if isinstance(node, ast.AnnAssign):
            targets, annotation, value = [node.target], node.annotation, node.value
        elif isinstance(node, ast.Assign):
            targets, annotation, value = node.targets, None, node.value
        else:
            continue
        for target in targets:
            if (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name)
                    and target.value.id == self_name):
                if annotation is None and isinstance(value, ast.Name):
                    annotation = params.get(value.id)  # assigned from a typed parameter
                text = ast.unparse(annotation) if annotation is not None else None
                found.append(Assigned(target.attr, text, function))
    return found


def _statements(body: list):
    """The statements of a function body, into blocks but not into nested functions/classes."""
    for stmt in body:
        yield stmt
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        for field in ("body", "orelse", "finalbody", "handlers"):
            block = getattr(stmt, field, None)
            if isinstance(block, list):
                yield from _statements(block)


def _attrs_fields(cls: type) -> list[Assigned]:
    """attrs classes: their fields (`attr.ib()`), typed when attrs knows the type."""
    fields = getattr(cls, "__attrs_attrs__", None)
    if not isinstance(fields, tuple):
        return []
    return [Assigned(field.name, getattr(field, "type", None), cls) for field in fields
            if isinstance(getattr(field, "name", None), str)]


def _mro(cls: type) -> tuple:
    try:
        return tuple(cls.__mro__)
    except Exception:  # noqa: BLE001 - a metaclass may hide it
        return (cls,)

