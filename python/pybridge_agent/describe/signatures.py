"""Run-time signatures, and merging them with stub signatures.

Run time is the truth about how a callable can be *called* (names, kinds, defaults);
stubs are usually the only source of *types* (the standard library and numpy's C functions
carry no annotations). So: run-time annotations win outright; otherwise names, kinds and
defaults come from run time and types from the stub, matched parameter by parameter.
"""

from __future__ import annotations

import inspect
import types as pytypes
import typing
from dataclasses import dataclass

from .reprs import default_repr
from .runtime_types import RuntimeTypes

_KINDS = {
    inspect.Parameter.POSITIONAL_ONLY: "positional_only",
    inspect.Parameter.POSITIONAL_OR_KEYWORD: "positional_or_keyword",
    inspect.Parameter.VAR_POSITIONAL: "var_positional",
    inspect.Parameter.KEYWORD_ONLY: "keyword_only",
    inspect.Parameter.VAR_KEYWORD: "var_keyword",
}
_VARIADIC = ("var_positional", "var_keyword")
_POSITIONAL = ("positional_only", "positional_or_keyword")
_C_CALLABLES = (pytypes.BuiltinFunctionType, pytypes.MethodDescriptorType,
                pytypes.WrapperDescriptorType, pytypes.ClassMethodDescriptorType,
                pytypes.MethodWrapperType)


@dataclass
class RuntimeSignature:
    params: list[dict]
    returns: dict | None
    annotated: bool
    origin: str  # "runtime" (Python code) or "text_signature" (a builtin's __text_signature__)

    def is_generic(self) -> bool:
        """`(*args, **kwargs)` without types: a wrapper that hides the real signature."""
        return (not self.annotated and bool(self.params)
                and all(p["kind"] in _VARIADIC for p in self.params))

    def as_signature(self, source: str) -> dict:
        return {"params": [dict(p) for p in self.params], "returns": self.returns,
                "source": source}


def runtime_signature(target: object, types: RuntimeTypes,
                      drop_first: bool = False) -> RuntimeSignature | None:
    """`inspect.signature` as a RuntimeSignature; None when run time has no signature."""
    try:
        sig = inspect.signature(target)
    except Exception:  # ValueError/TypeError for most builtins; anything from odd objects
        return None
    params = list(sig.parameters.values())
    if drop_first and params and params[0].kind in (inspect.Parameter.POSITIONAL_ONLY,
                                                    inspect.Parameter.POSITIONAL_OR_KEYWORD):
        params = params[1:]
    annotated = False
    converted = []
    for param in params:
        has_type = param.annotation is not inspect.Parameter.empty
        annotated = annotated or has_type
        converted.append(_param(param, types.convert(param.annotation) if has_type else None))
    returns = None
    if sig.return_annotation is not inspect.Signature.empty:
        annotated = True
        returns = types.convert(sig.return_annotation)
    return RuntimeSignature(converted, returns, annotated, _origin(target))


def runtime_overloads(target: object, types: RuntimeTypes,
                      drop_first: bool = False) -> list[RuntimeSignature]:
    """Signatures of `@typing.overload`s registered for a Python function (3.11+)."""
    func = getattr(target, "__func__", target)
    if not inspect.isfunction(func):
        return []
    try:
        overloads = typing.get_overloads(func)
    except Exception:
        return []
    found = (runtime_signature(overload, types, drop_first) for overload in overloads)
    return [sig for sig in found if sig is not None]


def none_signature() -> dict:
    """Nothing is known: accept anything."""
    return {"params": [
        {"name": "args", "kind": "var_positional", "type": None, "has_default": False},
        {"name": "kwargs", "kind": "var_keyword", "type": None, "has_default": False},
    ], "returns": None, "source": "none"}


def merge(runtime: RuntimeSignature | None, stubs: list[dict],
          overloads: list[RuntimeSignature] = ()) -> list[dict]:
    """Combine what run time and the stub know (see the module docstring)."""
    if overloads and any(overload.annotated for overload in overloads):
        return [overload.as_signature("runtime") for overload in overloads]
    if runtime is not None and runtime.annotated:
        return [runtime.as_signature("runtime")]
    if stubs and (runtime is None or runtime.is_generic()):
        return stubs
    if stubs and len(stubs) == 1:
        return [_types_onto_runtime(runtime, stubs[0])]
    if stubs:
        return [_runtime_onto_overload(stub, runtime) for stub in stubs]
    if runtime is not None:
        # Names and kinds without a single type: Python code says "untyped", not "runtime".
        return [runtime.as_signature("untyped" if runtime.origin == "runtime" else runtime.origin)]
    return [none_signature()]


def _param(param: inspect.Parameter, type_expr: dict | None) -> dict:
    result = {"name": param.name, "kind": _KINDS[param.kind], "type": type_expr,
              "has_default": param.default is not inspect.Parameter.empty}
    if result["has_default"]:
        result["default"] = default_repr(param.default)
    return result


def _origin(target: object) -> str:
    """Whether names came from Python code or from a builtin's `__text_signature__`."""
    if isinstance(target, type):
        for klass in target.__mro__:
            if klass is object:
                break
            for name in ("__init__", "__new__"):
                if name in vars(klass):
                    func = getattr(vars(klass)[name], "__func__", vars(klass)[name])
                    return "runtime" if inspect.isfunction(func) else "text_signature"
        return "text_signature"
    try:
        unwrapped = inspect.unwrap(target)
    except Exception:
        unwrapped = target
    unwrapped = getattr(unwrapped, "__func__", unwrapped)
    if inspect.isfunction(unwrapped):
        return "runtime"
    if isinstance(target, _C_CALLABLES) or getattr(target, "__text_signature__", None):
        return "text_signature"
    return "runtime"


def _types_onto_runtime(runtime: RuntimeSignature, stub: dict) -> dict:
    """Run-time parameters, each typed from its counterpart in the (only) stub signature."""
    matches = _match(runtime.params, stub["params"])
    params = []
    for index, param in enumerate(runtime.params):
        merged = dict(param)
        if index in matches:
            merged["type"] = stub["params"][matches[index]]["type"]
        if param["kind"] == "var_keyword":
            params.extend(_keywords_behind_kwargs(stub["params"], set(matches.values())))
            if index not in matches:  # the stub lists every keyword: no catch-all left
                continue
        params.append(merged)
    return {"params": params, "returns": stub["returns"], "source": stub["source"]}


def _keywords_behind_kwargs(stub_params: list[dict], matched: set[int]) -> list[dict]:
    """Keywords a run-time `**kwargs` forwards, as the stub spells them out.

    `textwrap.shorten(text, width, **kwargs)` accepts exactly TextWrapper's options; its
    stub lists them as keyword-only parameters, which is what a caller needs to know.
    """
    return [dict(param, kind="keyword_only") for index, param in enumerate(stub_params)
            if index not in matched and param["kind"] in ("keyword_only", "positional_or_keyword")]


def _runtime_onto_overload(stub: dict, runtime: RuntimeSignature) -> dict:
    """One overload's parameters, renamed/re-kinded from run time.

    An overload may require what run time makes optional (`sorted(it, *, key)` applies
    when `key` is given), so only whether a default exists comes from the overload. It may
    also narrow how a parameter is passed: `SequenceMatcher(*, a, b)` leaves out run time's
    first positional parameter `isjunk`, so `a` and `b` must go by keyword there.
    """
    matches = {stub_index: rt_index
               for rt_index, stub_index in _match(runtime.params, stub["params"]).items()}
    stub_slots = _positional_slots(stub["params"])
    runtime_slots = _positional_slots(runtime.params)
    params = []
    for index, param in enumerate(stub["params"]):
        merged = dict(param)
        if index in matches:
            counterpart = runtime.params[matches[index]]
            merged["name"] = counterpart["name"]
            merged["kind"] = _merged_kind(param["kind"], counterpart["kind"],
                                          stub_slots.get(index) == runtime_slots.get(
                                              matches[index]))
            if merged["has_default"] and counterpart["has_default"]:
                merged["default"] = counterpart["default"]  # the value hidden by `= ...`
        params.append(merged)
    # A positional parameter that must now go by keyword moves behind the positional ones.
    params.sort(key=lambda param: _KIND_ORDER[param["kind"]])
    return {"params": params, "returns": stub["returns"], "source": stub["source"]}


# Positional parameters keep their order among themselves (it is their position).
_KIND_ORDER = {"positional_only": 0, "positional_or_keyword": 0, "var_positional": 1,
               "keyword_only": 2, "var_keyword": 3}


def _positional_slots(params: list[dict]) -> dict[int, int]:
    """Parameter index -> the argument position it takes when passed positionally."""
    positional = [i for i, param in enumerate(params) if param["kind"] in _POSITIONAL]
    return {index: slot for slot, index in enumerate(positional)}


def _merged_kind(stub_kind: str, runtime_kind: str, same_slot: bool) -> str:
    """How an overload's parameter is passed, given its run-time counterpart.

    Run time decides only where both agree on the argument's position; an overload that
    makes a parameter keyword-only keeps it so, and one that puts a parameter at another
    position than run time does can only pass it by keyword (positionally it would land in
    another run-time parameter) when run time allows that.
    """
    if stub_kind in _VARIADIC or runtime_kind in _VARIADIC:
        return stub_kind
    if stub_kind == "keyword_only" or runtime_kind == "keyword_only":
        return "keyword_only"
    if same_slot:
        return runtime_kind
    return "keyword_only" if runtime_kind == "positional_or_keyword" else stub_kind


def _match(runtime: list[dict], stub: list[dict]) -> dict[int, int]:
    """Pair run-time parameter indices with stub parameter indices.

    By name first; `*args`/`**kwargs` with their kind; then leftover positional parameters
    by position (stubs often rename positional-only parameters: `__a` vs `a`).
    """
    matches: dict[int, int] = {}
    used: set[int] = set()
    stub_by_name = {p["name"]: i for i, p in enumerate(stub) if p["kind"] not in _VARIADIC}
    stub_by_kind = {p["kind"]: i for i, p in enumerate(stub) if p["kind"] in _VARIADIC}
    for rt_index, param in enumerate(runtime):
        if param["kind"] in _VARIADIC:
            found = stub_by_kind.get(param["kind"])
        else:
            found = stub_by_name.get(param["name"])
        if found is not None and found not in used:
            matches[rt_index] = found
            used.add(found)
    rt_positional = [i for i, p in enumerate(runtime) if p["kind"] in _POSITIONAL]
    stub_positional = [i for i, p in enumerate(stub) if p["kind"] in _POSITIONAL]
    for rt_index, stub_index in zip(rt_positional, stub_positional):
        if rt_index not in matches and stub_index not in used:
            matches[rt_index] = stub_index
            used.add(stub_index)
    return matches
