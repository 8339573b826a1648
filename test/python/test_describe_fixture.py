"""Descriptors of test/fixtures/python/pybridge_test_lib: every shape of Python API."""

import pytest

LIB = "pybridge_test_lib"


@pytest.fixture(scope="module")
def lib(describe):
    return describe(LIB)["root"]["members"]


def only_signature(symbol):
    (signature,) = symbol["signatures"]
    return signature


def by_name(signature):
    return {p["name"]: p for p in signature["params"]}


def test_members_follow_dunder_all(lib):
    import pybridge_test_lib

    assert set(lib) == set(pybridge_test_lib.__all__)
    assert "_helper" not in lib and "SizedT" not in lib


def test_a_private_name_asked_for_is_included(describe):
    members = describe(f"{LIB}._helper")["root"]["members"]
    assert members["_helper"]["kind"] == "function"


def test_annotated_function_with_default(lib):
    add = lib["add"]
    signature = only_signature(add)
    assert signature["source"] == "runtime"
    assert signature["params"] == [
        {"name": "a", "kind": "positional_or_keyword", "type": {"name": "int"},
         "has_default": False},
        {"name": "b", "kind": "positional_or_keyword", "type": {"name": "int"},
         "has_default": True, "default": "2"},
    ]
    assert signature["returns"] == {"name": "int"}
    assert add["doc"] == "Add two integers."  # first paragraph only


def test_every_parameter_kind(lib):
    params = only_signature(lib["greet"])["params"]
    assert [(p["name"], p["kind"]) for p in params] == [
        ("name", "positional_only"), ("greeting", "positional_or_keyword"),
        ("punctuation", "keyword_only"), ("extra", "var_keyword")]
    assert params[1]["default"] == "'Hello'"
    assert params[3]["type"] == {"name": "Any"}  # `object` means anything


def test_var_positional_element_type(lib):
    params = only_signature(lib["scale"])["params"]
    assert params[0] == {"name": "values", "kind": "var_positional",
                         "type": {"name": "float"}, "has_default": False}
    assert params[1]["kind"] == "keyword_only"


def test_optional_and_union(lib):
    signature = only_signature(lib["maybe"])
    assert signature["params"][0]["type"] == {"name": "Union", "args": [{"name": "int"},
                                                                        {"name": "None"}]}
    assert signature["returns"] == {"name": "Union", "args": [{"name": "int"}, {"name": "str"}]}


def test_nested_generics(lib):
    signature = only_signature(lib["nested"])
    assert signature["params"][0]["type"] == {"name": "list", "args": [
        {"name": "dict", "args": [{"name": "str"}, {"name": "int"}]}]}
    assert signature["returns"] == {"name": "dict", "args": [
        {"name": "str"}, {"name": "list", "args": [{"name": "int"}]}]}


def test_typevar_with_bound_is_its_bound(lib):
    signature = only_signature(lib["longest"])
    sized = {"name": "Sized", "typevar": "SizedT"}  # the bound, marked: callers pick within it
    assert signature["params"][0]["type"] == {"name": "Sequence", "args": [sized]}
    assert signature["returns"] == sized


def test_literal_and_callable(lib):
    mode = only_signature(lib["choose"])["params"][0]["type"]
    assert mode == {"name": "Literal", "args": [{"name": "value", "repr": "'fast'"},
                                                {"name": "value", "repr": "'slow'"}]}
    handler, fallback = only_signature(lib["on_event"])["params"]
    assert handler["type"] == {"name": "Callable", "args": [
        {"name": "params", "args": [{"name": "int"}, {"name": "str"}]}, {"name": "bool"}]}
    assert fallback["type"] == {"name": "Union", "args": [
        {"name": "Callable", "args": [{"name": "..."}, {"name": "None"}]}, {"name": "None"}]}


def test_generator_async_and_async_generator_flags(lib):
    flags = {name: (lib[name]["generator"], lib[name]["async"], lib[name]["async_generator"])
             for name in ("count_up", "numbers", "fetch", "agen", "add")}
    assert flags == {
        "count_up": (True, False, False),   # a generator returning Iterator[int]
        "numbers": (True, False, False),    # an unannotated generator function
        "fetch": (False, True, False),
        "agen": (False, False, True),
        "add": (False, False, False),
    }
    assert only_signature(lib["count_up"])["returns"] == {"name": "Iterator",
                                                          "args": [{"name": "int"}]}


def test_deprecations(lib):
    assert lib["old_api"]["deprecated"] == "use add() instead"  # __deprecated__ (PEP 702)
    assert lib["older_api"]["deprecated"] == "1.2: Use :func:`add` instead."
    assert "deprecated" not in lib["add"]


def test_unannotated_function(lib):
    """Names and kinds from Python code, and not one type: the source says so (strict=runtime
    must not pass it)."""
    signature = only_signature(lib["plain"])
    assert signature["source"] == "untyped"
    assert [(p["name"], p["kind"], p["type"]) for p in signature["params"]] == [
        ("a", "positional_or_keyword", None), ("b", "positional_or_keyword", None),
        ("args", "var_positional", None), ("kw", "var_keyword", None)]
    assert signature["returns"] is None


def test_default_reprs_are_deterministic(lib):
    params = by_name(only_signature(lib["with_sentinel"]))
    assert params["x"]["default"] == "<object object>"  # no memory address
    assert params["y"]["default"] == "None"


def test_runtime_overloads(lib):
    first, second = lib["parse"]["signatures"]
    assert [p["name"] for p in first["params"]] == ["value"]
    assert first["params"][0]["type"] == {"name": "str"}
    assert by_name(second)["encoding"]["default"] == "'utf-8'"
    assert first["source"] == second["source"] == "runtime"


def test_constants(lib):
    assert lib["LIMIT"] == {"kind": "constant", "name": "LIMIT", "qualname": f"{LIB}.LIMIT",
                            "type": {"name": "int"}, "repr": "10"}
    assert lib["NAMES"]["repr"] == "('a', 'b')"


def test_member_that_raises_is_recorded_not_fatal(lib):
    assert lib["exploding"] == {"kind": "unknown", "name": "exploding",
                                "qualname": f"{LIB}.exploding",
                                "error": "RuntimeError: exploding attribute"}


# -- classes ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def accumulator(lib):
    return lib["Accumulator"]


def test_class_basics(accumulator):
    assert accumulator["kind"] == "class"
    assert accumulator["bases"] == [f"{LIB}.Base"]
    assert accumulator["doc"] == "Accumulates numbers."
    (init,) = accumulator["init"]
    assert [(p["name"], p["kind"], p["default"]) for p in init["params"]] == [
        ("start", "positional_or_keyword", "0"), ("step", "keyword_only", "1")]
    assert init["returns"] == {"name": f"{LIB}.Accumulator"}
    assert init["source"] == "runtime"


def test_class_method_kinds(accumulator):
    members = accumulator["members"]
    assert members["parse"]["method_kind"] == "static"
    assert [p["name"] for p in only_signature(members["parse"])["params"]] == ["text"]
    assert members["from_list"]["method_kind"] == "class"
    from_list = only_signature(members["from_list"])
    assert [p["name"] for p in from_list["params"]] == ["values"]  # `cls` removed
    assert from_list["returns"] == {"name": f"{LIB}.Accumulator"}
    add = members["add"]
    assert add["method_kind"] == "instance"
    assert [p["name"] for p in only_signature(add)["params"]] == ["value"]  # `self` removed
    assert only_signature(members["copy"])["returns"] == {"name": f"{LIB}.Accumulator"}  # Self


def test_class_properties(accumulator):
    members = accumulator["members"]
    assert members["total"] == {
        "kind": "property", "name": "total", "qualname": f"{LIB}.Accumulator.total",
        "type": {"name": "int"}, "readonly": True, "source": "runtime",
        "doc": "The running total."}
    assert members["label"]["readonly"] is False
    # described from the class, never read: its raising getter does not matter
    assert members["broken"]["kind"] == "property"
    assert members["broken"]["type"] == {"name": "int"}


def test_class_protocols_nested_class_and_constants(accumulator):
    members = accumulator["members"]
    call = only_signature(members["__call__"])
    assert [p["name"] for p in call["params"]] == ["value"] and call["returns"] == {"name": "int"}
    assert members["__len__"]["kind"] == "function"
    # returns Iterator[int] but is no generator function: the types table says it is an
    # iterator, the flag says only what Python code is
    assert members["__iter__"]["generator"] is False
    assert only_signature(members["__iter__"])["returns"] == {"name": "Iterator",
                                                              "args": [{"name": "int"}]}
    assert "_private" not in members and "__init__" not in members
    assert "__hash__" not in members  # only object's
    config = members["Config"]
    assert config["kind"] == "class" and config["qualname"] == f"{LIB}.Accumulator.Config"
    assert config["members"]["verbose"]["repr"] == "False"
    assert config["members"]["describe"]["method_kind"] == "instance"
    assert members["unit"] == {"kind": "constant", "name": "unit",
                               "qualname": f"{LIB}.Accumulator.unit",
                               "type": {"name": "str"}, "repr": "'items'"}


def test_inherited_members(lib, accumulator):
    hello = lib["Derived"]["members"]["hello"]
    assert hello["qualname"] == f"{LIB}.Derived.hello"
    assert only_signature(hello)["returns"] == {"name": "str"}
    assert "hello" in accumulator["members"]


def test_dspy_fixture_predict(describe):
    """The DSPy-shaped fixture (test/fixtures/python/dspy): the design's main example."""
    descriptor = describe("dspy.Predict")
    assert descriptor["module"] == "dspy"
    predict = descriptor["root"]["members"]["Predict"]
    assert predict["kind"] == "class"
    assert "forward" in predict["members"] and "__call__" in predict["members"]
    (init,) = predict["init"]
    assert init["params"][0]["name"] == "signature"
    assert init["source"] == "runtime"


def test_deprecated_directive_must_follow_the_summary():
    from pybridge_agent.describe.docs import deprecation

    top = "Do a thing.\n\n.. deprecated:: 2.0\n   Use other().\n"
    deep = "Do a thing.\n\nMore text.\n\nExamples\n--------\n.. deprecated:: 2.0\n   The x form.\n"
    assert deprecation(None, top) == "2.0: Use other()."
    assert deprecation(None, deep) is None
