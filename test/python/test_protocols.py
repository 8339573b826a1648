"""The agent's side of protocols and exception classes: a protocol's dunder on an object runs
as Python's syntax runs it, the context manager's __exit__ gets the host's exception rebuilt,
a raised exception carries its chain of causes, and describe's exception_mro names classes
as raised exceptions do.

Run with Debian's interpreter, with the build tree's agent on the path:
    PYTHONPATH=build/share/pybridge/python /usr/bin/python3 -m pytest test/python/test_protocols.py
"""

import contextlib
import json
import sqlite3
import tarfile

import pytest

pytest.importorskip("pybridge_pb2", reason="needs the generated protobuf module: "
                    "PYTHONPATH=build/share/pybridge/python")

from pybridge_agent.describe.members import exception_mro  # noqa: E402
from pybridge_agent.errors import (exception_from_description, exception_to_wire,  # noqa: E402
                                   mro_names)
from pybridge_agent.protocols import syntax_for  # noqa: E402
from pybridge_agent.wire import pb  # noqa: E402


class OnlyIterable:
    """No __contains__: `in` iterates; no __eq__: == compares identities."""

    def __iter__(self):
        return iter([1, 2, 3])


class EqualToEverything:
    def __eq__(self, other):
        return True

    __hash__ = None


def test_in_falls_back_on_iteration_as_the_syntax_does():
    assert syntax_for(OnlyIterable(), "__contains__")(2) is True
    assert syntax_for(OnlyIterable(), "__contains__")(5) is False


def test_eq_tries_the_reflected_operand():
    # object.__eq__ returns NotImplemented; `==` then asks the other operand.
    assert syntax_for(OnlyIterable(), "__eq__")(EqualToEverything()) is True


def test_len_and_hash_check_their_results():
    assert syntax_for({"a": 1}, "__len__")() == 1
    with pytest.raises(TypeError, match="unhashable"):
        syntax_for(EqualToEverything(), "__hash__")()


def test_items_are_read_written_and_deleted():
    d = {}
    syntax_for(d, "__setitem__")("k", 3)
    assert syntax_for(d, "__getitem__")("k") == 3
    syntax_for(d, "__delitem__")("k")
    assert d == {}


def test_other_names_are_not_protocols():
    assert syntax_for({}, "keys") is None


def test_exit_gets_the_hosts_exception_and_says_whether_it_swallowed_it():
    suppress = contextlib.suppress(LookupError)
    syntax_for(suppress, "__enter__")()
    assert syntax_for(suppress, "__exit__")(pybridge_error=("builtins.KeyError", "'k'")) is True
    assert syntax_for(suppress, "__exit__")(pybridge_error=("", "a C++ failure")) is False
    assert syntax_for(suppress, "__exit__")() is False


def test_a_context_manager_is_looked_up_on_the_type():
    with pytest.raises(TypeError, match="context manager"):
        syntax_for({}, "__enter__")


def test_exceptions_are_rebuilt_as_their_class():
    error = exception_from_description("json.decoder.JSONDecodeError", "Expecting value")
    assert type(error) is json.JSONDecodeError and str(error) == "Expecting value"
    error = exception_from_description("sqlite3.IntegrityError", "UNIQUE constraint failed")
    assert type(error) is sqlite3.IntegrityError
    # Unknown, unloaded, private or not an exception class: RuntimeError.
    for name in ("", "nowhere.Error", "json.loads", "json._private"):
        error = exception_from_description(name, "text")
        assert type(error) is RuntimeError and str(error) == "text"


def test_a_raised_exception_carries_its_causes(tmp_path):
    path = tmp_path / "plain.tar.gz"
    path.write_text("not a gzip file\n")
    with pytest.raises(tarfile.ReadError) as raised:
        tarfile.open(path, "r:gz")
    out = exception_to_wire(raised.value, pb.PythonException())
    assert out.type == "ReadError" and out.HasField("cause")
    assert out.cause.type == "BadGzipFile" and "builtins.OSError" in out.cause.bases

    try:
        json.loads("{")
    except ValueError as error:  # raised `from None`: no cause
        assert not exception_to_wire(error, pb.PythonException()).HasField("cause")


def test_a_chain_is_bounded():
    error = ValueError("last")
    for n in range(100):
        try:
            raise KeyError(n) from error
        except KeyError as raised:
            error = raised
    depth, out = 0, exception_to_wire(error, pb.PythonException())
    while out.HasField("cause"):
        depth, out = depth + 1, out.cause
    assert depth == 16


@pytest.mark.parametrize("cls", [json.JSONDecodeError, sqlite3.IntegrityError, tarfile.ReadError,
                                 KeyError])
def test_describe_names_exception_classes_as_raised_exceptions_do(cls):
    assert exception_mro(cls) == mro_names(cls)


def test_describe_marks_only_exception_classes():
    assert exception_mro(dict) is None
