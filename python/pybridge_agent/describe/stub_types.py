"""Convert annotation expressions found in stubs (ast nodes) to TypeExpr dicts.

Names are resolved through `StubLibrary` (imports, star imports, class scopes), then:
aliases are expanded (generic aliases with their TypeVars substituted), TypeVars become
their bound / the Union of their constraints / Any, `Self` (and a TypeVar annotating `self`)
becomes the class being described, and typing vocabulary gets canonical names.
"""

from __future__ import annotations

import ast
import functools
import inspect
import sys
from dataclasses import dataclass, field

from . import named_classes
from . import typeexpr as tx
from .stub_index import Scope, StubClass, StubModule, StubVar
from .runtime_types import class_type as runtime_class_type
from .stub_library import External, Resolved, StubLibrary

_TYPEVAR_FACTORIES = frozenset({"TypeVar", "ParamSpec", "TypeVarTuple"})
_SPECIAL_FORMS_AS_ANY = frozenset({"Generic", "Protocol", "Unpack", "TypeAlias"})
_SELF_NAMES = frozenset({"Self"})
_VOCABULARY_STUBS = frozenset({"typing", "typing_extensions", "collections.abc",
                               "_collections_abc"})
# Alias expansions larger than this (after widening Literals to their value types) are
# private plumbing, e.g. numpy's dtype-like unions of character codes: they become
# `{"name": "?", "repr": "<the alias>"}` (checked like Any), which keeps descriptors small.
MAX_ALIAS_NODES = 48


@dataclass(frozen=True)
class TypeContext:
    """Where an annotation appears: names resolve in `module`/`scope`; `owner` is `Self`."""

    module: StubModule
    scope: Scope | None = None
    owner: dict | None = None
    self_vars: frozenset = frozenset()
    env: dict = field(default_factory=dict, hash=False, compare=False)


class StubTypes:
    def __init__(self, library: StubLibrary):
        self.lib = library
        self._alias_cache: dict[tuple[str, str], dict] = {}
        self._expanding: set[tuple[str, str]] = set()
        self._cache: dict[tuple, dict] = {}
        # Aliases kept by name (`SupportsRichComparison`): what each stands for, made on
        # demand for the descriptor's types table.
        self.kept_aliases: dict[str, tuple[StubVar, StubModule]] = {}

    def convert(self, expr: ast.expr | None, ctx: TypeContext) -> dict | None:
        """The TypeExpr of an annotation. Results are shared: callers must not mutate them."""
        if expr is None:
            return None
        key = None
        if not ctx.env:  # stub nodes live as long as the library: their ids are stable
            owner = ctx.owner["name"] if ctx.owner else None
            key = (id(expr), id(ctx.module), id(ctx.scope), owner, ctx.self_vars)
            cached = self._cache.get(key)
            if cached is not None:
                return cached
        try:
            result = self._convert(expr, ctx)
        except RecursionError:
            result = tx.unknown(_text(expr))
        if key is not None:
            self._cache[key] = result
        return result

    def kept_alias(self, name: str) -> dict | None:
        """What an alias kept by name stands for (numpy's ArrayLike excepted)."""
        found = self.kept_aliases.get(name)
        if found is None or name == tx.NUMPY_ARRAYLIKE:
            return None
        var, module = found
        return self._convert(var.value, TypeContext(module))

    def typevar_key(self, expr: ast.expr | None, ctx: TypeContext) -> tuple[str, str] | None:
        """If `expr` is a TypeVar (or `type[TypeVar]`), its identity; used for `self: _S`."""
        if isinstance(expr, ast.Subscript):
            expr = expr.slice
        if not isinstance(expr, (ast.Name, ast.Attribute)):
            return None
        found = self.lib.resolve_expr(ctx.module, expr, ctx.scope)
        if found and isinstance(found.entry, StubVar) and _is_typevar(found.entry):
            return (found.module.name, found.entry.name)
        return None

    # -- expressions -------------------------------------------------------------------------

    def _convert(self, expr: ast.expr, ctx: TypeContext) -> dict:
        if isinstance(expr, ast.Constant):
            return self._constant(expr, ctx)
        if isinstance(expr, ast.Attribute) and expr.attr in ("args", "kwargs") \
                and self.typevar_key(expr.value, ctx) is not None:
            return tx.ANY  # `*args: P.args` of a ParamSpec
        if isinstance(expr, (ast.Name, ast.Attribute)):
            return self._reference(self._lookup(expr, ctx), ctx, expr)
        if isinstance(expr, ast.Subscript):
            return self._subscript(expr, ctx)
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.BitOr):
            return tx.make_union([self._convert(expr.left, ctx), self._convert(expr.right, ctx)])
        if isinstance(expr, (ast.List, ast.Tuple)):
            return tx.named("params", [self._convert(e, ctx) for e in expr.elts])
        return tx.unknown(_text(expr))

    def _constant(self, expr: ast.Constant, ctx: TypeContext) -> dict:
        if expr.value is None:
            return tx.NONE
        if expr.value is Ellipsis:
            return tx.ELLIPSIS
        if isinstance(expr.value, str):  # a forward reference
            parsed = _parse_forward(expr.value)
            if parsed is None:
                return tx.unknown(expr.value)
            return self._convert(parsed, ctx)
        return tx.unknown(_text(expr))

    def _lookup(self, expr: ast.expr, ctx: TypeContext) -> Resolved | None:
        """Resolve a name; definitions inside typing's own stubs count as vocabulary.

        Describing `typing` itself reaches `Any = object()` in typing.pyi: that is the
        special form Any, not a variable. Its TypeVars stay TypeVars: the bases of typing's
        classes (`class Sequence(Collection[_T_co], ...)`) are generic in them.
        """
        found = self.lib.resolve_expr(ctx.module, expr, ctx.scope)
        if (found is not None and found.module is not None
                and found.module.name in _VOCABULARY_STUBS
                and (isinstance(found.entry, StubClass)
                     or (isinstance(found.entry, StubVar) and not _is_typevar(found.entry)))):
            return Resolved(External(found.module.name, found.entry.name), None)
        return found

    def _reference(self, found: Resolved | None, ctx: TypeContext, expr: ast.expr) -> dict:
        """The TypeExpr of what a name refers to (`expr` is the name, for messages)."""
        if found is None:
            return tx.unknown(_text(expr))
        entry = found.entry
        if isinstance(entry, External):
            return self._external(entry, ctx)
        if isinstance(entry, StubClass):
            named = class_type(entry)
            named_classes.note_stub(named["name"], entry)
            return named
        if isinstance(entry, StubVar):
            return self._variable(entry, found.module, ctx, expr)
        return tx.unknown(_text(expr))

    def _external(self, entry: External, ctx: TypeContext) -> dict:
        name = entry.name
        if entry.module in tx.TYPING_MODULES or entry.module == "builtins":
            if name in _SELF_NAMES:
                return ctx.owner or tx.ANY
            if name == "AnyStr":
                return tx.typevar("AnyStr", tx.make_union([tx.named("str"), tx.named("bytes")]))
            if name in ("Optional", "Union") or name in _SPECIAL_FORMS_AS_ANY:
                return tx.ANY
        named = tx.qualify(entry.module, name)
        named_classes.note_stub(named["name"], entry)  # vocabulary: its class is typing's
        return named

    # -- variables: TypeVars and aliases -------------------------------------------------------

    def _variable(self, var: StubVar, module: StubModule, ctx: TypeContext,
                  expr: ast.expr) -> dict:
        key = (module.name, var.name)
        if _is_typevar(var):
            return self._typevar(var, module, key, ctx)
        if _is_call_to(var.value, "NewType") and len(var.value.args) == 2:
            return self._convert(var.value.args[1], TypeContext(module))
        if not _is_alias(var):
            return tx.unknown(_text(expr))
        special = _special_alias(module.name, var.name)
        if special is not None:
            self.kept_aliases.setdefault(special["name"], (var, module))
            return special
        return self._expand_alias(var, module, key, env={})

    def _typevar(self, var: StubVar, module: StubModule, key: tuple, ctx: TypeContext) -> dict:
        if key in ctx.env:
            return ctx.env[key]
        if key in ctx.self_vars or (var.name == "Self" and module.name == "_typeshed"):
            return ctx.owner or tx.ANY
        call = var.value
        home = TypeContext(module)
        for keyword in call.keywords:
            if keyword.arg == "bound":
                return tx.typevar(var.name, self._convert(keyword.value, home))
        constraints = call.args[1:]
        if constraints and _call_name(call) == "TypeVar":
            return tx.typevar(var.name, tx.make_union([self._convert(c, home) for c in constraints]))
        return tx.ANY

    def _expand_alias(self, var: StubVar, module: StubModule, key: tuple, env: dict) -> dict:
        cacheable = not env
        if cacheable and key in self._alias_cache:
            return self._alias_cache[key]
        if key in self._expanding:  # a recursive alias (nested sequences, JSON)
            return tx.unknown(var.name)
        self._expanding.add(key)
        try:
            result = self._convert(var.value, TypeContext(module, env=env))
        finally:
            self._expanding.discard(key)
        if tx.count_nodes(result) > MAX_ALIAS_NODES:
            result = tx.widen_literals(result)
        if tx.count_nodes(result) > MAX_ALIAS_NODES:
            result = tx.unknown(f"{module.name}.{var.name}")
        if cacheable:
            self._alias_cache[key] = result
        return result

    # -- subscripts ------------------------------------------------------------------------

    def _subscript(self, expr: ast.Subscript, ctx: TypeContext) -> dict:
        head = self._lookup(expr.value, ctx) \
            if isinstance(expr.value, (ast.Name, ast.Attribute)) else None
        arg_nodes = expr.slice.elts if isinstance(expr.slice, ast.Tuple) else [expr.slice]
        entry = head.entry if head else None
        if isinstance(entry, External) and (entry.module in tx.TYPING_MODULES
                                            or entry.module == "builtins"):
            special = self._typing_subscript(entry.name, arg_nodes, ctx)
            if special is not None:
                return special
        if isinstance(entry, StubVar) and _is_alias(entry) and not _is_typevar(entry):
            return self._generic_alias(entry, head.module, arg_nodes, ctx)
        base = self._reference(head, ctx, expr.value)
        return tx.with_args(base, [self._convert(a, ctx) for a in arg_nodes])

    def _typing_subscript(self, name: str, args: list[ast.expr], ctx: TypeContext) -> dict | None:
        convert = lambda node: self._convert(node, ctx)  # noqa: E731
        if name == "Optional":
            return tx.make_optional(convert(args[0]))
        if name == "Union":
            return tx.make_union([convert(a) for a in args])
        if name == "Literal":
            return tx.make_literal([self._literal(a, ctx) for a in args])
        if name in tx.TRANSPARENT_WRAPPERS:
            return convert(args[0])
        if name == "Callable":
            return self._callable(args, ctx)
        if name in ("TypeGuard", "TypeIs"):
            return tx.named("bool")
        if name in _SPECIAL_FORMS_AS_ANY or name == "Concatenate":
            return tx.ANY
        return None

    def _callable(self, args: list[ast.expr], ctx: TypeContext) -> dict:
        if len(args) != 2:
            return tx.named("Callable")
        params, result = args
        if isinstance(params, ast.List):
            head = tx.named("params", [self._convert(p, ctx) for p in params.elts])
        else:  # `...`, a ParamSpec, Concatenate[...]
            head = tx.ELLIPSIS
        return {"name": "Callable", "args": [head, self._convert(result, ctx)]}

    def _literal(self, node: ast.expr, ctx: TypeContext) -> dict:
        """One `Literal[...]` argument; a nested Literal alias is expanded and flattened."""
        try:
            return tx.literal_value(repr(ast.literal_eval(node)))
        except ValueError:
            pass
        if isinstance(node, (ast.Name, ast.Subscript)):
            converted = self._convert(node, ctx)
            if converted.get("name") == "Literal":
                return converted
        return tx.literal_value(_text(node))

    def _generic_alias(self, var: StubVar, module: StubModule, args: list[ast.expr],
                       ctx: TypeContext) -> dict:
        """`_DTypeLike[_SCT]`: expand the alias with its TypeVars bound to the arguments."""
        special = _special_alias(module.name, var.name)
        if special is not None:
            self.kept_aliases.setdefault(special["name"], (var, module))
            return special
        home = TypeContext(module)
        params = self._alias_parameters(var.value, home)
        env = {key: self._convert(arg, ctx) for key, arg in zip(params, args)}
        return self._expand_alias(var, module, (module.name, var.name), env)

    def _alias_parameters(self, value: ast.expr, ctx: TypeContext) -> list[tuple[str, str]]:
        """The TypeVars an alias body uses, in order of first appearance (PEP 484)."""
        keys: list[tuple[str, str]] = []
        for node in _names_in_order(value):
            key = self.typevar_key(node, ctx)
            if key is not None and key not in keys:
                keys.append(key)
        return keys


def class_type(cls: StubClass) -> dict:
    """Name a stub class as run time names it, when its module is already loaded.

    Stubs often define classes in private modules (`_decimal.Decimal`) that run time
    reports under their public module (`decimal.Decimal`); annotations read at run time and
    from stubs must name a class the same way for the plugin to match bound classes.
    """
    live = loaded_class(cls.module.name, cls.qualname)
    if live is not None:
        return runtime_class_type(live)
    return tx.qualify(cls.module.name, cls.qualname)


def loaded_class(module: str, qualname: str) -> type | None:
    """The run-time class `module.qualname` if that module is imported (never import here)."""
    obj = sys.modules.get(module)
    if obj is None:
        return None
    for part in qualname.split("."):
        obj = inspect.getattr_static(obj, part, None)
        if obj is None:
            return None
    return obj if isinstance(obj, type) else None


def _special_alias(module: str, name: str) -> dict | None:
    """Aliases the format keeps by name instead of expanding."""
    if module.startswith("numpy") and (name == "ArrayLike" or name.startswith("_ArrayLike")
                                       or name.startswith("_DualArrayLike")):
        return tx.named(tx.NUMPY_ARRAYLIKE)
    if module == "_typeshed" and name.startswith("Supports"):
        return tx.named(name)
    return None


def _is_typevar(var: StubVar) -> bool:
    return _call_name(var.value) in _TYPEVAR_FACTORIES


def _is_alias(var: StubVar) -> bool:
    if var.value is None:
        return False
    if var.annotation is not None:
        annotation = var.annotation
        name = annotation.attr if isinstance(annotation, ast.Attribute) else getattr(
            annotation, "id", None)
        return name == "TypeAlias"
    value = var.value
    if isinstance(value, ast.Constant):
        return isinstance(value.value, str) or value.value is None
    return isinstance(value, (ast.Name, ast.Attribute, ast.Subscript, ast.BinOp))


def _is_call_to(node: ast.expr | None, name: str) -> bool:
    return _call_name(node) == name


def _call_name(node: ast.expr | None) -> str | None:
    if not isinstance(node, ast.Call):
        return None
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _names_in_order(node: ast.AST):
    """Name/Attribute nodes in source order (ast.walk is breadth first)."""
    if isinstance(node, (ast.Name, ast.Attribute)):
        yield node
        return
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        parsed = _parse_forward(node.value)
        if parsed is not None:
            yield from _names_in_order(parsed)
        return
    for child in ast.iter_child_nodes(node):
        yield from _names_in_order(child)


@functools.lru_cache(maxsize=8192)
def _parse_forward(text: str) -> ast.expr | None:
    """Parse a string annotation once: numpy's stubs repeat `"dtype[bool_]"` hundreds of times
    (and a cached node keeps its id, so conversions of it are cached too)."""
    try:
        return ast.parse(text.strip(), mode="eval").body
    except SyntaxError:
        return None


def _text(node: ast.AST) -> str:
    try:
        return ast.unparse(node)
    except Exception:
        return "?"


__all__ = ["StubTypes", "TypeContext", "class_type", "loaded_class"]
