"""Types read from stubs: package-shipped `.pyi`, stub packages, extra roots, typeshed."""

import ast
import os
import sys
import textwrap

import pytest

from pybridge_agent.describe import build_descriptor, stub_conditions
from pybridge_agent.describe.stub_files import StubFinder, find_typeshed
from pybridge_agent.describe.stub_library import StubLibrary
from pybridge_agent.describe.stub_signatures import function_signatures
from pybridge_agent.describe.stub_types import StubTypes

UNTYPED = "pybridge_test_lib.untyped"


@pytest.fixture(scope="module")
def untyped(describe):
    return describe(UNTYPED)["root"]["members"]


def only_signature(symbol):
    (signature,) = symbol["signatures"]
    return signature


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))



# -- package-shipped stubs -------------------------------------------------------------------

def test_package_shipped_stub_types_runtime_names(untyped):
    signature = only_signature(untyped["area"])
    assert signature["source"].endswith("untyped.pyi:9")
    assert signature["source"].startswith("stub:" + os.sep)
    width, height = signature["params"]
    # `Number` is a TypeAlias imported from another stub file (_types.pyi)
    number = {"name": "Union", "args": [{"name": "int"}, {"name": "float"}]}
    assert width == {"name": "width", "kind": "positional_or_keyword", "type": number,
                     "has_default": False}
    assert height["type"] == number
    assert height["default"] == "1.0"  # run time's value, not the stub's `...`
    assert signature["returns"] == {"name": "float"}


def test_plain_assignment_alias_across_files(untyped):
    value = only_signature(untyped["to_path"])["params"][0]
    assert value["type"] == {"name": "Union", "args": [
        {"name": "str"}, {"name": "os.PathLike", "args": [{"name": "str"}]}]}


def test_version_and_platform_branches(untyped):
    assert only_signature(untyped["newer"])["returns"] == {"name": "int"}
    assert only_signature(untyped["platform_only"])["returns"] == {"name": "float"}


def test_constrained_typevar_is_union(untyped):
    signature = only_signature(untyped["first"])
    union = {"name": "Union", "args": [{"name": "int"}, {"name": "str"}], "typevar": "_T"}
    assert signature["params"][0]["type"] == {"name": "Sequence", "args": [union]}
    assert signature["returns"] == union


def test_generic_runtime_signature_replaced_by_stub_overloads(untyped):
    wrapped = untyped["wrapped"]
    assert [[p["name"] for p in s["params"]] for s in wrapped["signatures"]] == [
        ["width"], ["width", "height"]]
    assert [s["returns"] for s in wrapped["signatures"]] == [{"name": "int"},
                                                             {"name": "float"}]


def test_stub_class_init_property_self_typevar_attribute(untyped):
    shape = untyped["Shape"]
    (init,) = shape["init"]
    assert [(p["name"], p["type"]) for p in init["params"]] == [
        ("sides", {"name": "int"}), ("name", {"name": "str"})]
    assert init["params"][1]["default"] == "'shape'"
    assert init["source"].endswith("untyped.pyi:32")
    members = shape["members"]
    assert members["perimeter"]["type"] == {"name": "float"}
    assert members["perimeter"]["readonly"] is True
    # `def scaled(self: _S, factor: float) -> _S`: _S means the class
    assert only_signature(members["scaled"])["returns"] == {"name": f"{UNTYPED}.Shape"}
    # `name: str` declared only in the stub (an instance attribute)
    assert members["name"]["kind"] == "property"
    assert members["name"]["type"] == {"name": "str"}
    assert members["name"]["readonly"] is False
    # not in the stub: run time only, untyped
    assert only_signature(members["__repr__"])["source"] == "untyped"


# -- search order ----------------------------------------------------------------------------

MODULE = """
def scale(value, factor=2):
    return value * factor
"""


def test_extra_stub_roots_come_first(tmp_modules, tmp_path):
    write(tmp_modules / "pb_stubroot_mod.py", MODULE)
    write(tmp_modules / "pb_stubroot_mod.pyi",
          "def scale(value: int, factor: int = ...) -> int: ...\n")
    extra = tmp_path / "extra"
    write(extra / "pb_stubroot_mod.pyi", "def scale(value: str, factor: int = ...) -> str: ...\n")

    shipped = build_descriptor("pb_stubroot_mod")
    signature = only_signature(shipped["root"]["members"]["scale"])
    assert signature["returns"] == {"name": "int"}

    preferred = build_descriptor("pb_stubroot_mod", stub_paths=[str(extra)])
    signature = only_signature(preferred["root"]["members"]["scale"])
    assert signature["returns"] == {"name": "str"}
    assert signature["source"] == f"stub:{extra / 'pb_stubroot_mod.pyi'}:1"
    assert signature["params"][1]["default"] == "2"
    assert preferred["config"] != shipped["config"]


def test_stub_path_environment_variable(tmp_modules, tmp_path, monkeypatch):
    write(tmp_modules / "pb_envroot_mod.py", MODULE)
    first, second = tmp_path / "first", tmp_path / "second"
    write(second / "pb_envroot_mod.pyi",
          "def scale(value: bytes, factor: int = ...) -> bytes: ...\n")
    first.mkdir()
    monkeypatch.setenv("PYBRIDGE_STUB_PATH", os.pathsep.join([str(first), str(second)]))
    signature = only_signature(build_descriptor("pb_envroot_mod")["root"]["members"]["scale"])
    assert signature["returns"] == {"name": "bytes"}


def test_stub_package(tmp_modules):
    write(tmp_modules / "pb_stubpkg" / "__init__.py", MODULE)
    write(tmp_modules / "pb_stubpkg-stubs" / "__init__.pyi",
          "def scale(value: float, factor: float = ...) -> float: ...\n")
    signature = only_signature(build_descriptor("pb_stubpkg")["root"]["members"]["scale"])
    assert signature["returns"] == {"name": "float"}
    assert "pb_stubpkg-stubs" in signature["source"]


def test_runtime_annotations_win_over_stub(tmp_modules):
    write(tmp_modules / "pb_annotated_mod.py", "def f(x: int) -> int:\n    return x\n")
    write(tmp_modules / "pb_annotated_mod.pyi", "def f(x: str) -> str: ...\n")
    signature = only_signature(build_descriptor("pb_annotated_mod")["root"]["members"]["f"])
    assert signature["source"] == "runtime"
    assert signature["returns"] == {"name": "int"}


def test_stub_features(tmp_modules):
    """Aliases, generic aliases, TypeVars, Self, `__x` positional-only, `@deprecated`."""
    write(tmp_modules / "pb_features_mod.py", """
        def pair(a, b): return (a, b)
        def pos(x, y): return x
        def old(): pass
        def choose(kind): pass
        def nums(): yield 1
        def anything(x): return x
        class Node:
            def clone(self): return self
            def children(self): return []
    """)
    write(tmp_modules / "pb_features_mod.pyi", """
        import sys
        from typing import Generic, Iterator, Literal, TypeVar, Union
        from typing_extensions import Self, TypeAlias, deprecated

        _T = TypeVar("_T")
        _Pair: TypeAlias = tuple[_T, _T]
        Kind = Literal["a", "b"]
        MoreKinds = Literal[Kind, "c"]

        def pair(a: int, b: int) -> _Pair[int]: ...
        def pos(__x: int, __y: str) -> None: ...
        @deprecated("use pair")
        def old() -> None: ...
        def choose(kind: MoreKinds) -> None: ...
        def nums() -> Iterator[int]: ...
        def anything(x: _T) -> _T: ...
        if sys.version_info >= (99, 0):
            def anything(x: bytes) -> bytes: ...

        class Node(Generic[_T]):
            def clone(self) -> Self: ...
            def children(self) -> list[Self]: ...
    """)
    members = build_descriptor("pb_features_mod")["root"]["members"]
    assert only_signature(members["pair"])["returns"] == {
        "name": "tuple", "args": [{"name": "int"}, {"name": "int"}]}
    pos = only_signature(members["pos"])
    # names and kinds from run time (which takes keywords here), types from the stub
    assert [(p["name"], p["kind"], p["type"]) for p in pos["params"]] == [
        ("x", "positional_or_keyword", {"name": "int"}),
        ("y", "positional_or_keyword", {"name": "str"})]
    assert members["old"]["deprecated"] == "use pair"
    literal = only_signature(members["choose"])["params"][0]["type"]
    assert literal == {"name": "Literal", "args": [
        {"name": "value", "repr": "'a'"}, {"name": "value", "repr": "'b'"},
        {"name": "value", "repr": "'c'"}]}
    assert members["nums"]["generator"] is True
    anything = only_signature(members["anything"])
    assert anything["returns"] == {"name": "Any"}  # unbound TypeVar; the 99.0 branch is out
    node = members["Node"]["members"]
    assert only_signature(node["clone"])["returns"] == {"name": "pb_features_mod.Node"}
    assert only_signature(node["children"])["returns"] == {
        "name": "list", "args": [{"name": "pb_features_mod.Node"}]}


def test_stub_alone_dunder_names_are_positional_only(tmp_modules):
    write(tmp_modules / "pb_stubonly.pyi", """
        class C:
            def m(self, __a: int, b: str, *, c: bool = ...) -> None: ...
        def f(__a: int, __b: int = ...) -> None: ...
    """)
    library = StubLibrary(StubFinder([], find_typeshed()))
    types = StubTypes(library)
    found = library.lookup_path("pb_stubonly", ["f"])
    (signature,) = function_signatures(types, found.entry, found.module)
    assert signature["params"] == [
        {"name": "a", "kind": "positional_only", "type": {"name": "int"}, "has_default": False},
        {"name": "b", "kind": "positional_only", "type": {"name": "int"}, "has_default": True,
         "default": "..."}]
    klass = library.lookup_path("pb_stubonly", ["C"]).entry
    method, owner = library.find_member(klass, "m")
    (signature,) = function_signatures(types, method, owner.module, owner)
    assert [(p["name"], p["kind"]) for p in signature["params"]] == [
        ("a", "positional_only"), ("b", "positional_or_keyword"), ("c", "keyword_only")]


# -- pieces ----------------------------------------------------------------------------------

def test_typeshed_is_found_without_importing_mypy():
    typeshed = find_typeshed()
    assert typeshed is not None
    assert typeshed.endswith(os.path.join("mypy", "typeshed", "stdlib"))
    assert "mypy" not in sys.modules


def test_finder_prefers_pyi_and_uses_sources_only_when_asked(tmp_modules):
    write(tmp_modules / "pb_finder_pkg" / "__init__.py", "")
    write(tmp_modules / "pb_finder_pkg" / "sub.py", "")
    finder = StubFinder([], find_typeshed())
    assert finder.find("pb_finder_pkg.sub") is None
    assert finder.find("pb_finder_pkg.sub", allow_source=True).endswith("sub.py")
    assert finder.find("statistics").endswith(os.path.join("stdlib", "statistics.pyi"))
    assert finder.find("os.path").endswith(os.path.join("os", "path.pyi"))


@pytest.mark.parametrize("source, expected", [
    ("sys.version_info >= (3, 8)", True),
    ("sys.version_info < (3, 8)", False),
    (f"sys.version_info >= ({sys.version_info[0]}, {sys.version_info[1]})", True),
    (f"sys.version_info[:2] == ({sys.version_info[0]}, {sys.version_info[1]})", True),
    ("sys.version_info[0] == 2", False),
    (f"sys.platform == {sys.platform!r}", True),
    ("sys.platform == 'win32'", sys.platform == "win32"),
    ("sys.platform != 'win32' and sys.platform != 'darwin'",
     sys.platform not in ("win32", "darwin")),
    (f"sys.platform.startswith({sys.platform[:3]!r})", True),
    ("not sys.version_info >= (3, 0)", False),
    ("sys.version_info >= (3, 0) or something_unknown", True),
    ("sys.version_info >= (3, 0) and something_unknown", None),
    ("TYPE_CHECKING", True),
    ("something_unknown", None),
])
def test_stub_conditions(source, expected):
    assert stub_conditions.evaluate(ast.parse(source, mode="eval").body) is expected
