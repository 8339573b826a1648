"""Descriptors of standard-library modules: run-time names merged with typeshed's types."""

import os
import platform
import re
import sys

import pytest

from conftest import member
from pybridge_agent.describe import build_descriptor
from pybridge_agent.describe.hashing import content_hash

STUB_SOURCE = re.compile(r"^stub:(?P<path>.+\.pyi):(?P<line>\d+)$")



def params(signature):
    return [(p["name"], p["kind"]) for p in signature["params"]]


def param(signature, name):
    return next(p for p in signature["params"] if p["name"] == name)


def type_names(type_expr):
    """The set of names directly in a Union (or the single name)."""
    if type_expr["name"] == "Union":
        return {arg["name"] for arg in type_expr["args"]}
    return {type_expr["name"]}


def assert_stub_source(signature, filename):
    match = STUB_SOURCE.match(signature["source"])
    assert match, signature["source"]
    assert os.path.basename(match["path"]) == filename
    assert int(match["line"]) > 0


# -- top level -------------------------------------------------------------------------------

def test_top_level_fields(describe):
    import statistics

    descriptor = describe("statistics")
    assert descriptor["schema"] == 2
    assert descriptor["module"] == "statistics"
    assert descriptor["python"] == {"executable": sys.executable,
                                    "version": platform.python_version()}
    assert descriptor["library_version"] == platform.python_version()
    stat = os.stat(statistics.__file__)
    assert descriptor["origin"] == {"file": os.path.abspath(statistics.__file__),
                                    "mtime_ns": stat.st_mtime_ns, "size": stat.st_size}
    assert re.fullmatch(r"[0-9a-f]{64}", descriptor["config"])
    assert descriptor["hash"] == content_hash(descriptor["root"])
    root = descriptor["root"]
    assert (root["kind"], root["name"], root["qualname"]) == ("module", "statistics", "statistics")
    assert set(root["members"]) == set(statistics.__all__)


def test_a_member_path_describes_its_module(describe):
    assert describe("statistics.median")["module"] == "statistics"
    assert build_descriptor("numpy.linalg.norm")["module"] == "numpy.linalg"


def test_submodules_are_listed_not_imported():
    was_imported = "xml.dom" in sys.modules
    members = build_descriptor("xml")["root"]["members"]
    # xml's __all__ names submodules that `import xml` does not import
    assert members["dom"] == {"kind": "module", "name": "dom", "qualname": "xml.dom"}
    assert members["etree"]["kind"] == "module"
    assert ("xml.dom" in sys.modules) == was_imported
    # a module member is named by the module's own name, which always imports
    assert build_descriptor("os")["root"]["members"]["path"] == {
        "kind": "module", "name": "path", "qualname": "posixpath"}


def test_builtin_module_has_no_origin(describe):
    assert describe("math")["origin"] is None


def test_every_symbol_has_kind_name_qualname(describe):
    def check(symbol, qualname):
        assert symbol["qualname"] == qualname
        assert symbol["name"] == qualname.rpartition(".")[2]
        assert symbol["kind"] in {"module", "class", "function", "property", "constant"}
        if symbol["kind"] != "module":
            for name, child in symbol.get("members", {}).items():
                check(child, f"{qualname}.{name}")

    for name, symbol in describe("fractions")["root"]["members"].items():
        check(symbol, f"fractions.{name}")


# -- functions -------------------------------------------------------------------------------

def test_statistics_median_types_from_typeshed(describe):
    median = member(describe("statistics"), "median")
    assert median["kind"] == "function" and "method_kind" not in median
    (signature,) = median["signatures"]
    assert params(signature) == [("data", "positional_or_keyword")]
    data = param(signature, "data")
    assert data["has_default"] is False and "default" not in data
    assert data["type"]["name"] == "Iterable"
    # _NumberT = TypeVar("_NumberT", float, Decimal, Fraction): the Union of the constraints
    number = {"name": "Union", "args": [{"name": "float"}, {"name": "decimal.Decimal"},
                                        {"name": "fractions.Fraction"}], "typevar": "_NumberT"}
    assert data["type"]["args"] == [number]
    assert signature["returns"] == number
    assert_stub_source(signature, "statistics.pyi")
    assert median["doc"] == "Return the median (middle value) of numeric data."
    assert median["generator"] is False and median["async"] is False


def test_math_comb_positional_only_supportsindex_kept(describe):
    (signature,) = member(describe("math"), "comb")["signatures"]
    assert params(signature) == [("n", "positional_only"), ("k", "positional_only")]
    # a protocol keeps its name: the types table says which classes have __index__
    assert [p["type"] for p in signature["params"]] == [{"name": "SupportsIndex"}] * 2
    assert signature["returns"] == {"name": "int"}
    assert_stub_source(signature, "math.pyi")


def test_math_pi_is_a_float_constant(describe):
    pi = member(describe("math"), "pi")
    assert pi == {"kind": "constant", "name": "pi", "qualname": "math.pi",
                  "type": {"name": "float"}, "repr": repr(3.141592653589793)}


def test_textwrap_shorten_keyword_only_defaults(describe):
    (signature,) = member(describe("textwrap"), "shorten")["signatures"]
    kinds = dict(params(signature))
    assert kinds["text"] == kinds["width"] == "positional_or_keyword"
    # run time hides these behind **kwargs; the stub spells them out
    for name in ("placeholder", "break_long_words", "tabsize", "initial_indent"):
        assert kinds[name] == "keyword_only"
        assert param(signature, name)["has_default"] is True
    assert "kwargs" not in kinds
    assert param(signature, "placeholder")["type"] == {"name": "str"}
    assert param(signature, "tabsize")["type"] == {"name": "int"}
    assert param(signature, "break_long_words")["type"] == {"name": "bool"}
    assert signature["returns"] == {"name": "str"}


def test_textwrap_dedent_runtime_names_stub_types(describe):
    (signature,) = member(describe("textwrap"), "dedent")["signatures"]
    assert signature["params"] == [{"name": "text", "kind": "positional_or_keyword",
                                    "type": {"name": "str"}, "has_default": False}]


def test_keyword_iskeyword(describe):
    iskeyword = member(describe("keyword"), "iskeyword")
    (signature,) = iskeyword["signatures"]
    assert [p["type"] for p in signature["params"]] == [{"name": "str"}]
    assert signature["returns"] == {"name": "bool"}
    assert_stub_source(signature, "keyword.pyi")


def test_os_path_join_var_positional(describe):
    descriptor = describe("os.path.join")
    assert descriptor["module"] == "os.path"
    join = member(descriptor, "join")
    assert join["qualname"] == "os.path.join"
    assert len(join["signatures"]) >= 2  # str and bytes overloads
    for signature in join["signatures"]:
        # run-time names (`a`, `*p`), not the stub's (`__a`, `*paths`)
        assert params(signature) == [("a", "positional_or_keyword"), ("p", "var_positional")]
        assert_stub_source(signature, "posixpath.pyi")
    by_return = {s["returns"]["name"]: s for s in join["signatures"]}
    assert set(by_return) == {"str", "bytes"}
    str_path = next(s for s in join["signatures"] if s["returns"] == {"name": "str"}
                    and s["params"][0]["type"]["name"] == "Union")
    # StrPath (an alias in _typeshed) resolved: str | os.PathLike[str]; *p's element type
    assert str_path["params"][1]["type"] == {"name": "Union", "args": [
        {"name": "str"}, {"name": "os.PathLike", "args": [{"name": "str"}]}]}


def test_sorted_key_is_keyword_only_with_overloads(describe):
    sorted_ = member(describe("builtins"), "sorted")
    assert sorted_["qualname"] == "builtins.sorted"
    first, second = sorted_["signatures"]
    for signature in (first, second):
        assert params(signature) == [("iterable", "positional_only"), ("key", "keyword_only"),
                                     ("reverse", "keyword_only")]
        assert param(signature, "reverse")["default"] == "False"  # run time's value
    assert param(first, "key")["type"] == {"name": "None"}
    assert param(first, "key")["default"] == "None"
    # the second overload applies when a key is given: it is required there
    assert param(second, "key")["has_default"] is False
    assert param(second, "key")["type"]["name"] == "Callable"
    assert first["returns"]["name"] == "list"


def test_re_compile_overloads(describe):
    compile_ = member(describe("re"), "compile")
    assert len(compile_["signatures"]) == 2
    for signature in compile_["signatures"]:
        assert params(signature) == [("pattern", "positional_or_keyword"),
                                     ("flags", "positional_or_keyword")]
        assert param(signature, "flags")["default"] == "0"
        assert signature["returns"]["name"] == "re.Pattern"
    patterns = [param(s, "pattern")["type"] for s in compile_["signatures"]]
    # AnyStr: the Union of its constraints
    assert {"name": "Union", "args": [{"name": "str"}, {"name": "bytes"}],
            "typevar": "AnyStr"} in patterns
    assert any(p["name"] == "re.Pattern" for p in patterns)


def test_functools_reduce_overloads(describe):
    reduce_ = member(describe("functools"), "reduce")
    with_initial, without = reduce_["signatures"]
    assert [p["name"] for p in with_initial["params"]] == ["function", "iterable", "initial"] \
        or [p["name"] for p in with_initial["params"]] == ["function", "sequence", "initial"]
    assert len(without["params"]) == 2
    function = with_initial["params"][0]["type"]
    assert function["name"] == "Callable"
    assert function["args"][0]["name"] == "params" and len(function["args"][0]["args"]) == 2


def test_builtin_without_runtime_signature_uses_stub(describe):
    import builtins
    import inspect

    with pytest.raises(ValueError):  # `next` has no __text_signature__ (two call forms)
        inspect.signature(builtins.next)
    next_ = member(describe("builtins"), "next")
    one, two = next_["signatures"]
    assert params(one) == [("i", "positional_only")]
    assert params(two) == [("i", "positional_only"), ("default", "positional_only")]
    for signature in (one, two):
        assert_stub_source(signature, "builtins.pyi")


# -- classes ---------------------------------------------------------------------------------

def test_str_join_method(describe):
    string = member(describe("builtins"), "str")
    assert string["kind"] == "class"
    join = string["members"]["join"]
    assert join["method_kind"] == "instance"
    assert join["qualname"] == "builtins.str.join"
    (signature,) = join["signatures"]
    assert params(signature) == [("iterable", "positional_only")]  # `self` removed
    assert signature["params"][0]["type"] == {"name": "Iterable", "args": [{"name": "str"}]}
    assert signature["returns"] == {"name": "str"}
    assert string["members"]["maketrans"]["method_kind"] == "static"


def test_dict_class_methods_and_protocols(describe):
    dict_ = member(describe("builtins"), "dict")
    members = dict_["members"]
    for dunder in ("__getitem__", "__len__", "__contains__", "__iter__", "__eq__", "__repr__"):
        assert members[dunder]["kind"] == "function", dunder
    assert "__hash__" not in members  # dict.__hash__ is None: unhashable
    assert "__init__" not in members and "__class__" not in members
    get = members["get"]
    assert get["method_kind"] == "instance"
    assert len(get["signatures"]) >= 2
    assert [p["name"] for p in get["signatures"][0]["params"]] == ["key"]
    fromkeys = members["fromkeys"]
    assert fromkeys["method_kind"] == "class"
    assert fromkeys["signatures"][0]["params"][0]["name"] == "iterable"  # `cls` removed
    assert len(dict_["init"]) >= 3  # typeshed's dict.__init__ overloads
    for signature in dict_["init"]:
        assert signature["returns"] == {"name": "dict"}
        assert_stub_source(signature, "builtins.pyi")


def test_fraction_class(describe):
    fraction = member(describe("fractions"), "Fraction")
    assert fraction["kind"] == "class"
    assert fraction["qualname"] == "fractions.Fraction"
    assert fraction["bases"] == ["numbers.Rational"]
    assert fraction["doc"].startswith("This class implements rational numbers.")
    first = fraction["init"][0]
    assert [p["name"] for p in first["params"]][:2] == ["numerator", "denominator"]
    assert param(first, "numerator")["default"] == "0"
    assert type_names(param(first, "numerator")["type"]) == {"int", "numbers.Rational"}
    assert first["returns"] == {"name": "fractions.Fraction"}
    assert_stub_source(first, "fractions.pyi")
    # the second constructor overload takes one value (float, Decimal or str)
    assert any(type_names(s["params"][0]["type"]) == {"float", "decimal.Decimal", "str"}
               for s in fraction["init"][1:])
    members = fraction["members"]
    for name in ("numerator", "denominator"):
        prop = members[name]
        assert prop["kind"] == "property" and prop["readonly"] is True
        assert prop["type"] == {"name": "int"}
        assert_stub_source(prop, "fractions.pyi")
    assert members["from_float"]["method_kind"] == "class"
    limit = members["limit_denominator"]
    assert limit["method_kind"] == "instance"
    (signature,) = limit["signatures"]
    assert signature["params"][0]["name"] == "max_denominator"
    assert signature["params"][0]["default"] == "1000000"
    assert members["__lt__"]["kind"] == "function"


def test_random_module_functions_are_methods_of_its_instance(describe):
    """typeshed writes `randint = _inst.randint` with `_inst: Random`: the types are those of
    Random's methods (else randint would be untyped and take anything)."""
    random_ = describe("random")
    (randint,) = member(random_, "randint")["signatures"]
    assert [(p["name"], p["type"]) for p in randint["params"]] == [
        ("a", {"name": "int"}), ("b", {"name": "int"})]
    assert randint["returns"] == {"name": "int"}
    assert_stub_source(randint, "random.pyi")
    for name in ("choice", "sample", "seed", "shuffle", "uniform", "gauss"):
        for signature in member(random_, name)["signatures"]:
            assert_stub_source(signature, "random.pyi")
    (random_random,) = member(random_, "random")["signatures"]
    assert random_random["returns"] == {"name": "float"}  # inherited from _random.Random


def test_value_type_of_builtin_subclasses(describe):
    # How the worker sends instances: by value when the class derives from a builtin.
    assert describe("collections")["types"]["collections.Counter"]["value_type"] == "dict"
    assert describe("urllib.parse")["types"]["urllib.parse.ParseResult"]["value_type"] == "tuple"
    assert describe("http")["types"]["http.HTTPStatus"]["value_type"] == "int"
    assert "value_type" not in describe("fractions")["types"]["fractions.Fraction"]
