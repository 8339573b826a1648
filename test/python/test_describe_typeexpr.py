"""Run-time annotations -> TypeExpr dicts (docs/descriptor-format.md, TypeExpr table)."""

import collections
import collections.abc
import typing
from typing import (Annotated, Any, Callable, ClassVar, Dict, FrozenSet, Iterable, List, Literal,
                    Mapping, MutableMapping, MutableSequence, NewType, Optional, Sequence, Tuple,
                    TypeVar, Union)

import pytest

from pybridge_agent.describe import typeexpr as tx
from pybridge_agent.describe.runtime_types import RuntimeTypes, type_of_value

INT, STR, NONE = {"name": "int"}, {"name": "str"}, {"name": "None"}


def convert(annotation, **kwargs):
    return RuntimeTypes(**kwargs).convert(annotation)


class Widget:
    pass


@pytest.mark.parametrize("annotation, expected", [
    (int, INT), (float, {"name": "float"}), (bool, {"name": "bool"}), (str, STR),
    (bytes, {"name": "bytes"}), (complex, {"name": "complex"}), (None, NONE),
    (type(None), NONE), (bytearray, {"name": "bytes"}), (memoryview, {"name": "bytes"}),
    (Any, {"name": "Any"}), (object, {"name": "Any"}),
    (list[int], {"name": "list", "args": [INT]}),
    (List[int], {"name": "list", "args": [INT]}),
    (MutableSequence[int], {"name": "MutableSequence", "args": [INT]}),
    (Dict[str, int], {"name": "dict", "args": [STR, INT]}),
    (MutableMapping[str, int], {"name": "MutableMapping", "args": [STR, INT]}),
    (set[int], {"name": "set", "args": [INT]}),
    (typing.AbstractSet[int], {"name": "AbstractSet", "args": [INT]}),
    (collections.abc.Set[int], {"name": "AbstractSet", "args": [INT]}),
    (typing.Set[int], {"name": "set", "args": [INT]}),
    (FrozenSet[int], {"name": "frozenset", "args": [INT]}),
    (tuple[int, str], {"name": "tuple", "args": [INT, STR]}),
    (Tuple[int, ...], {"name": "tuple", "args": [INT, {"name": "..."}]}),
    (Sequence[int], {"name": "Sequence", "args": [INT]}),
    (Iterable[str], {"name": "Iterable", "args": [STR]}),
    (collections.abc.Iterator[int], {"name": "Iterator", "args": [INT]}),
    (Mapping[str, int], {"name": "Mapping", "args": [STR, INT]}),
    (typing.Generator[int, None, str], {"name": "Generator", "args": [INT, NONE, STR]}),
    (typing.AsyncIterator[int], {"name": "AsyncIterator", "args": [INT]}),
    (typing.Awaitable[int], {"name": "Awaitable", "args": [INT]}),
    (Optional[int], {"name": "Union", "args": [INT, NONE]}),
    (int | None, {"name": "Union", "args": [INT, NONE]}),
    (Union[int, Union[str, None], int], {"name": "Union", "args": [INT, STR, NONE]}),
    (Literal["a", 1], {"name": "Literal", "args": [{"name": "value", "repr": "'a'"},
                                                   {"name": "value", "repr": "1"}]}),
    (Callable[[int, str], bool], {"name": "Callable", "args": [
        {"name": "params", "args": [INT, STR]}, {"name": "bool"}]}),
    (Callable[..., int], {"name": "Callable", "args": [{"name": "..."}, INT]}),
    (Callable[[], int], {"name": "Callable", "args": [{"name": "params"}, INT]}),
    (Annotated[int, "meta"], INT), (ClassVar[int], INT),
    (typing.SupportsIndex, {"name": "SupportsIndex"}), (typing.SupportsInt, {"name": "SupportsInt"}),
    (typing.SupportsFloat, {"name": "SupportsFloat"}),
    (typing.ContextManager[int], {"name": "contextlib.AbstractContextManager", "args": [INT]}),
    (typing.SupportsAbs[int], {"name": "SupportsAbs", "args": [INT]}),
    (collections.OrderedDict[str, int], {"name": "collections.OrderedDict",
                                         "args": [STR, INT]}),
    (typing.Pattern[str], {"name": "re.Pattern", "args": [STR]}),
    (Widget, {"name": f"{__name__}.Widget"}),
    (list[Widget], {"name": "list", "args": [{"name": f"{__name__}.Widget"}]}),
    (type[Widget], {"name": "type", "args": [{"name": f"{__name__}.Widget"}]}),
    (NewType("UserId", int), INT),
])
def test_runtime_annotations(annotation, expected):
    assert convert(annotation) == expected


def test_typevars():
    # a TypeVar is its bound (or the union of its constraints), marked as one
    assert convert(TypeVar("B", bound=Sequence[int])) == {"name": "Sequence", "args": [INT],
                                                          "typevar": "B"}
    assert convert(TypeVar("C", int, str)) == {"name": "Union", "args": [INT, STR],
                                               "typevar": "C"}
    assert convert(TypeVar("T")) == {"name": "Any"}
    assert convert(typing.AnyStr) == {"name": "Union", "args": [STR, {"name": "bytes"}],
                                      "typevar": "AnyStr"}


def test_self_is_the_owner():
    assert convert(typing.Self, owner=Widget) == {"name": f"{__name__}.Widget"}
    assert convert("Self", owner=Widget) == {"name": f"{__name__}.Widget"}


def test_string_annotations():
    namespace = {"Widget": Widget, "Optional": Optional}
    assert convert("Optional[Widget]", globalns=namespace) == {
        "name": "Union", "args": [{"name": f"{__name__}.Widget"}, NONE]}
    assert convert("list[int]", globalns={}) == {"name": "list", "args": [INT]}
    assert convert("NoSuchName[int]", globalns={}) == {"name": "?", "repr": "NoSuchName[int]"}
    assert convert(typing.ForwardRef("Widget"), globalns=namespace) == {
        "name": f"{__name__}.Widget"}


def test_numpy_types():
    numpy = pytest.importorskip("numpy")
    import numpy.typing as npt

    assert convert(numpy.ndarray) == {"name": "numpy.ndarray"}
    assert convert(npt.NDArray[numpy.float64]) == {"name": "numpy.ndarray"}
    assert convert(npt.ArrayLike) == {"name": "numpy.typing.ArrayLike"}
    assert convert(numpy.float64) == {"name": "numpy.float64"}


def test_type_of_value():
    assert type_of_value(3.5) == {"name": "float"}
    assert type_of_value(None) == NONE
    assert type_of_value(Widget()) == {"name": f"{__name__}.Widget"}


def test_union_helpers():
    assert tx.make_union([INT]) == INT
    assert tx.make_union([INT, {"name": "Union", "args": [STR, INT]}]) == {
        "name": "Union", "args": [INT, STR]}
    assert tx.make_optional(INT) == {"name": "Union", "args": [INT, NONE]}
    assert tx.with_args({"name": "numpy.ndarray"}, [INT]) == {"name": "numpy.ndarray"}
