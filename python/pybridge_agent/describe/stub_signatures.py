"""Turn a stub `def` (and its `@overload`s) into Signature dicts.

Stubs written before PEP 570 mark positional-only parameters with a leading double
underscore (`def comb(__n, __k)`); those become `positional_only` without the underscores,
so the names match what run time calls them.
"""

from __future__ import annotations

import ast

from .stub_index import Def, StubClass, StubFunction, StubModule
from .stub_types import StubTypes, TypeContext


def function_signatures(types: StubTypes, func: StubFunction, module: StubModule,
                        klass: StubClass | None = None, owner: dict | None = None) -> list[dict]:
    """One Signature per overload; `self`/`cls` dropped for methods other than static ones."""
    drop_first = klass is not None and "staticmethod" not in func.decorators
    scope = klass.scope if klass is not None else None
    signatures = [_signature(types, node, TypeContext(module, scope, owner), drop_first)
                  for node in func.overloads]
    return _distinct(signatures)


def property_type(types: StubTypes, entry: object, module: StubModule,
                  klass: StubClass | None, owner: dict | None) -> tuple[dict | None, int]:
    """The type of a stub property (`@property def x(self) -> T`) or attribute (`x: T`)."""
    ctx = TypeContext(module, klass.scope if klass else None, owner)
    if isinstance(entry, StubFunction):
        node = entry.overloads[0]
        positional = [*node.args.posonlyargs, *node.args.args]
        if positional:
            ctx = _with_self_typevar(types, ctx, positional[0])
        return types.convert(node.returns, ctx), node.lineno
    annotation = getattr(entry, "annotation", None)
    return types.convert(annotation, ctx), getattr(entry, "lineno", 0)


def _signature(types: StubTypes, node: Def, ctx: TypeContext, drop_first: bool) -> dict:
    args = node.args
    positional = [*args.posonlyargs, *args.args]
    if drop_first and positional:
        ctx = _with_self_typevar(types, ctx, positional[0])
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    params = []
    for index, (arg, default) in enumerate(zip(positional, defaults)):
        if drop_first and index == 0:
            continue
        kind = "positional_only" if index < len(args.posonlyargs) else "positional_or_keyword"
        params.append(_param(types, arg, kind, default, ctx))
    _mark_dunder_positional_only(params)
    if args.vararg is not None:
        params.append(_param(types, args.vararg, "var_positional", None, ctx))
    for arg, default in zip(args.kwonlyargs, args.kw_defaults):
        params.append(_param(types, arg, "keyword_only", default, ctx))
    if args.kwarg is not None:
        params.append(_param(types, args.kwarg, "var_keyword", None, ctx))
    return {
        "params": params,
        "returns": types.convert(node.returns, ctx),
        "source": ctx.module.location(node),
    }


def _with_self_typevar(types: StubTypes, ctx: TypeContext, first: ast.arg) -> TypeContext:
    """`def copy(self: _S) -> _S`: within this method `_S` means the described class."""
    key = types.typevar_key(first.annotation, ctx)
    if key is None:
        return ctx
    return TypeContext(ctx.module, ctx.scope, ctx.owner, ctx.self_vars | {key})


def _distinct(signatures: list[dict]) -> list[dict]:
    """Drop overloads that became identical once types were canonicalised.

    numpy's `__lt__` has overloads for several private array-like aliases that all read
    `numpy.typing.ArrayLike` here; repeating them would only bloat the descriptor.
    """
    seen = set()
    result = []
    for signature in signatures:
        key = repr((signature["params"], signature["returns"]))
        if key not in seen:
            seen.add(key)
            result.append(signature)
    return result


def _param(types: StubTypes, arg: ast.arg, kind: str, default: ast.expr | None,
           ctx: TypeContext) -> dict:
    param = {"name": arg.arg, "kind": kind, "type": types.convert(arg.annotation, ctx),
             "has_default": default is not None}
    if default is not None:
        param["default"] = _default_text(default)
    return param


def _mark_dunder_positional_only(params: list[dict]) -> None:
    """PEP 484: `__x` (not `__x__`) is positional-only, and so is everything before it."""
    last = -1
    for index, param in enumerate(params):
        name = param["name"]
        if name.startswith("__") and not name.endswith("__"):
            last = index
    for param in params[: last + 1]:
        param["kind"] = "positional_only"
        if param["name"].startswith("__") and not param["name"].endswith("__"):
            param["name"] = param["name"][2:]


def _default_text(node: ast.expr) -> str:
    """The default as written in the stub; `...` means "some default" (the value is hidden)."""
    text = ast.unparse(node)
    return text if len(text) <= 80 else text[:77] + "..."
