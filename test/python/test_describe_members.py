"""Every member an instance has (docs/descriptor-format.md, "Symbol"): attributes `__init__`
assigns, stub-declared properties and attributes, enum members and their name/value,
namedtuple and attrs fields, protocol dunders, and classes only the stubs define."""

import textwrap

import pytest

from conftest import member


def members_of(descriptor, *path):
    return member(descriptor, *path)["members"]


def write_module(directory, name, source):
    (directory / f"{name}.py").write_text(textwrap.dedent(source))


def test_init_assignments_are_attributes(tmp_modules):
    from pybridge_agent.describe import build_descriptor

    write_module(tmp_modules, "pb_init_attrs", """
        class Base:
            def __init__(self, name: str, size, *, tags: list[str] = ()):
                self.name = name                 # typed by the parameter it comes from
                self.size = size                 # untyped
                self.count: int = 0              # typed by its own annotation
                self.tags = list(tags)
                if size:
                    self.nested = True           # inside a block too
                self._hidden = 1
                def helper():
                    self.not_mine = 2            # a nested function: not __init__'s
                helper()

        class Child(Base):
            def __init__(self):
                super().__init__("child", 1)
                self.extra = 2.5
    """)
    child = members_of(build_descriptor("pb_init_attrs"), "Child")
    assert child["name"]["type"] == {"name": "str"} and child["name"]["source"] == "runtime"
    assert child["size"]["type"] is None and child["size"]["source"] == "untyped"
    assert child["count"]["type"] == {"name": "int"}
    assert child["nested"]["kind"] == "property" and child["nested"]["readonly"] is False
    assert "extra" in child and "_hidden" not in child and "not_mine" not in child


def test_attrs_and_namedtuple_fields(tmp_modules):
    pytest.importorskip("attr")
    from pybridge_agent.describe import build_descriptor

    write_module(tmp_modules, "pb_fields", """
        import collections, typing
        import attr

        @attr.s
        class Point:
            x = attr.ib(type=float)
            label = attr.ib(default="")

        Pair = collections.namedtuple("Pair", "left right")

        class Span(typing.NamedTuple):
            start: int
            stop: int
    """)
    descriptor = build_descriptor("pb_fields")
    point = members_of(descriptor, "Point")
    assert point["x"]["type"] == {"name": "float"} and point["label"]["type"] is None
    pair = members_of(descriptor, "Pair")
    assert pair["left"]["kind"] == "property" and pair["left"]["readonly"] is True
    span = members_of(descriptor, "Span")
    assert span["start"]["type"] == {"name": "int"} and span["start"]["readonly"] is True


def test_enum_members_and_their_name_and_value(describe):
    status = members_of(describe("http"), "HTTPStatus")
    assert status["OK"]["kind"] == "constant"
    assert status["OK"]["type"] == {"name": "http.HTTPStatus"}
    assert status["name"]["kind"] == "property" and status["name"]["type"] == {"name": "str"}
    assert status["value"]["type"] == {"name": "int"} and status["value"]["readonly"] is True
    # declared by typeshed only: run time sets it on each member in __new__
    assert status["phrase"]["type"] == {"name": "str"}
    assert status["phrase"]["source"].endswith("http/__init__.pyi:15")


def test_typeshed_properties_and_fields(describe):
    parsed = members_of(describe("urllib.parse"), "ParseResult")
    assert parsed["scheme"]["type"] == {"name": "str"} and parsed["scheme"]["readonly"] is True


def test_protocol_dunders_are_members(describe):
    message = members_of(describe("email.message"), "EmailMessage")
    for dunder in ("__setitem__", "__delitem__", "__getitem__", "__contains__"):
        assert message[dunder]["kind"] == "function", dunder
    assert "__next__" in members_of(describe("io"), "StringIO")
    assert "__fspath__" in members_of(describe("pathlib"), "PurePosixPath")


def test_stub_only_class_is_described_from_its_stub(describe):
    descriptor = describe("hashlib._Hash")
    hash_ = member(descriptor, "_Hash")
    assert hash_["stub_only"] is True and hash_["init"] == []
    assert hash_["runtime_name"] == "_hashlib.HASH"
    methods = hash_["members"]
    assert methods["hexdigest"]["signatures"][0]["returns"] == {"name": "str"}
    assert methods["update"]["method_kind"] == "instance"
    assert methods["digest_size"]["kind"] == "property"
    # what returns it names it the same way
    (sha256,) = {s["returns"]["name"] for s in member(descriptor, "sha256")["signatures"]}
    assert sha256 == "hashlib._Hash"
    assert "_Hash" not in describe("hashlib")["root"]["members"]  # only when asked for


def test_generator_flag_is_for_generator_functions(tmp_modules):
    from pybridge_agent.describe import build_descriptor

    write_module(tmp_modules, "pb_gen_flags", """
        from typing import Iterable, Iterator
        def made(n) -> Iterator[int]:
            yield from range(n)
        def returned(n) -> Iterator[int]:
            return iter(range(n))
        def listed(n) -> Iterable[int]:
            return list(range(n))
    """)
    functions = build_descriptor("pb_gen_flags")["root"]["members"]
    assert [functions[f]["generator"] for f in ("made", "returned", "listed")] == [
        True, False, False]


def test_defaults_holding_process_state_are_named_by_type(tmp_modules):
    from pybridge_agent.describe import build_descriptor

    write_module(tmp_modules, "pb_state_default", """
        import weakref
        class Handler: pass
        _live = [weakref.ref(Handler)]
        def shutdown(handlers=_live, names=["a", 1], table={"k": 2}): pass
    """)
    params = build_descriptor("pb_state_default")["root"]["members"]["shutdown"]["signatures"][0][
        "params"]
    assert [p["default"] for p in params] == ["<list>", "['a', 1]", "{'k': 2}"]
