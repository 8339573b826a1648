"""How overload parameters are passed: the stub's keyword-only stays keyword-only, and a
positional parameter sits where run time expects it (else a C++ argument lands in another
Python parameter: SequenceMatcher(a, b) would become isjunk=a, a=b)."""

import ast
import functools
import importlib
import inspect
import re

import pytest

from conftest import member

STUB_SOURCE = re.compile(r"^stub:(?P<path>.+\.pyi):(?P<line>\d+)$")
POSITIONAL = ("positional_only", "positional_or_keyword")
# Modules with keyword-only overloads over positional run-time parameters, and plenty else.
# (Over all of the standard library, this finds nothing either.)
MODULES = ["difflib", "itertools", "subprocess", "shutil", "os", "random", "re", "functools",
           "collections", "statistics", "textwrap", "json", "heapq", "datetime", "fractions"]


def kinds(signature):
    return [(p["name"], p["kind"]) for p in signature["params"]]


def test_sequence_matcher_keyword_overload(describe):
    init = member(describe("difflib"), "SequenceMatcher")["init"]
    assert [("a", "keyword_only"), ("b", "keyword_only"), ("autojunk", "keyword_only")] in \
        [kinds(signature) for signature in init]
    for signature in init:  # wherever a and b are positional, isjunk comes first
        positional = [p["name"] for p in signature["params"] if p["kind"] in POSITIONAL]
        assert positional[:1] in ([], ["isjunk"]), kinds(signature)


def test_count_step_only_by_keyword(describe):
    init = member(describe("itertools"), "count")["init"]
    assert [("step", "keyword_only")] in [kinds(signature) for signature in init]


def test_chown_group_keyword_overload(describe):
    signatures = member(describe("shutil"), "chown")["signatures"]
    assert [("path", "positional_or_keyword"), ("user", "positional_or_keyword"),
            ("group", "keyword_only")] in [kinds(signature) for signature in signatures]


def test_moved_parameters_follow_positional_ones():
    """A positional parameter that must go by keyword moves behind the positional ones."""
    from pybridge_agent.describe.signatures import RuntimeSignature, merge

    def p(name, kind, default=False):
        return {"name": name, "kind": kind, "type": None, "has_default": default}
    runtime = RuntimeSignature([p("isjunk", "positional_or_keyword", True),
                                p("a", "positional_or_keyword", True),
                                p("tail", "positional_or_keyword", True)], None, False, "runtime")
    stubs = [{"params": [p("a", "positional_or_keyword"), p("isjunk", "positional_or_keyword"),
                         p("extra", "positional_or_keyword")], "returns": None, "source": "stub:x:1"},
             {"params": [p("isjunk", "positional_or_keyword")], "returns": None,
              "source": "stub:x:2"}]
    first, _ = merge(runtime, stubs)
    assert kinds(first) == [("tail", "positional_or_keyword"), ("a", "keyword_only"),
                            ("isjunk", "keyword_only")]


# -- every overload of several modules against run time and the stub text -------------------

@functools.lru_cache(maxsize=None)
def _stub_tree(path):
    with open(path, encoding="utf-8") as handle:
        return ast.parse(handle.read())


def _stub_def(source):
    """The `def` a signature's source names (its line may be a decorator's)."""
    match = STUB_SOURCE.match(source)
    if not match:
        return None
    line = int(match["line"])
    for node in ast.walk(_stub_tree(match["path"])):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.lineno == line:
            return node
    return None


def _runtime_params(obj, method_kind):
    try:
        params = list(inspect.signature(obj).parameters.values())
    except (TypeError, ValueError):
        return None
    if method_kind == "instance" and params and params[0].kind in (
            inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD):
        params = params[1:]
    return params


def _callables(descriptor):
    """(qualname, run-time object, method kind, signatures) of functions, methods and
    constructors."""
    module = importlib.import_module(descriptor["module"])
    for name, symbol in descriptor["root"]["members"].items():
        obj = getattr(module, name, None)
        if symbol["kind"] == "function":
            yield symbol["qualname"], obj, None, symbol["signatures"]
        elif symbol["kind"] == "class" and isinstance(obj, type):
            yield symbol["qualname"], obj, None, symbol["init"]
            for method_name, method in symbol["members"].items():
                if method["kind"] == "function":
                    yield (method["qualname"], getattr(obj, method_name, None),
                           method.get("method_kind"), method["signatures"])


def _disagreements(qualname, obj, method_kind, signatures):
    runtime = _runtime_params(obj, method_kind)
    if runtime is None:
        return
    runtime_slots = {p.name: slot for slot, p in enumerate(
        q for q in runtime if q.kind in (q.POSITIONAL_ONLY, q.POSITIONAL_OR_KEYWORD))}
    runtime_kinds = {p.name: p.kind for p in runtime}
    for signature in signatures:
        # One signature takes run time's parameters as they are; overloads keep the stub's.
        node = _stub_def(signature["source"]) if len(signatures) > 1 else None
        if node is not None:
            stub_keyword_only = {arg.arg for arg in node.args.kwonlyargs}
            for param in signature["params"]:
                if param["name"] in stub_keyword_only and param["kind"] != "keyword_only":
                    yield f"{qualname}: '{param['name']}' is keyword-only in {signature['source']}"
        positional = [p for p in signature["params"] if p["kind"] in POSITIONAL]
        for slot, param in enumerate(positional):
            name = param["name"]
            if name in runtime_slots and runtime_slots[name] != slot:
                yield (f"{qualname}: '{name}' is argument {slot} in {signature['source']}, "
                       f"{runtime_slots[name]} at run time")
            if runtime_kinds.get(name) == inspect.Parameter.KEYWORD_ONLY:
                yield f"{qualname}: '{name}' is keyword-only at run time"


@pytest.mark.parametrize("module", MODULES)
def test_no_kind_disagreements(describe, module):
    found = []
    for qualname, obj, method_kind, signatures in _callables(describe(module)):
        found.extend(_disagreements(qualname, obj, method_kind, signatures))
    assert found == []
