"""The agent's value codec and the object ownership of replies (python/pybridge_agent/codec.py).

Run from the build tree (it needs the generated pybridge_pb2):
    PYTHONPATH=build/share/pybridge/python /usr/bin/python3 -m pytest test/python/test_codec.py
"""

import collections
import datetime
import enum

import pytest

pytest.importorskip("pybridge_pb2", reason="needs the generated protobuf module: "
                    "PYTHONPATH=build/share/pybridge/python")

from conftest import ListSink, run_stream  # noqa: E402
from pybridge_agent.codec import Codec, ConversionError  # noqa: E402
from pybridge_agent.dispatcher import Dispatcher  # noqa: E402
from pybridge_agent.allowlist import Allowlist  # noqa: E402
from pybridge_agent.objects import ObjectRegistry  # noqa: E402
from pybridge_agent.wire import pb  # noqa: E402


@pytest.fixture
def registry():
    return ObjectRegistry()


@pytest.fixture
def codec(registry):
    return Codec(registry)


def encode(codec, obj, as_handle=False):
    value, ids = pb.Value(), []
    codec.encode_into(obj, 7, value, ids, as_handle=as_handle)
    return value, ids


def test_handles_are_listed_as_new_objects(codec, registry):
    first, second = object(), object()
    value, ids = encode(codec, [first, 1, {"k": second}])
    assert len(ids) == 2 and len(registry) == 2
    assert value.list_value.items[0].object.id == ids[0]
    assert value.list_value.items[2].dict_value.values[0].object.id == ids[1]
    assert value.list_value.items[0].object.type_name == "builtins.object"
    assert registry.get(ids[0]) is first


def test_the_same_object_twice_gets_two_ids(codec, registry):
    shared = object()
    _, ids = encode(codec, (shared, shared))
    assert len(set(ids)) == 2
    registry.release(ids[:1])
    assert registry.get(ids[1]) is shared


def test_a_failed_encoding_keeps_nothing_registered(codec, registry):
    class Exploding(dict):
        def items(self):
            raise RuntimeError("no items")

    value = pb.Value()
    ids = []
    with pytest.raises(RuntimeError):
        codec.encode_into([object(), Exploding(a=1)], 7, value, ids)
    assert len(registry) == 0 and ids == []
    assert value.WhichOneof("kind") is None


def test_result_as_object_registers_even_plain_values(codec, registry):
    value, ids = encode(codec, 42, as_handle=True)
    assert value.object.type_name == "builtins.int"
    assert registry.get(ids[0]) == 42


def test_value_subclasses_travel_by_value(codec):
    Point = collections.namedtuple("Point", "x y")
    Color = enum.IntEnum("Color", "RED GREEN")
    assert encode(codec, Point(1, 2))[0].tuple_value.items[1].int_value == 2
    assert encode(codec, Color.GREEN)[0].int_value == 2
    assert encode(codec, collections.OrderedDict(a=1))[0].dict_value.keys[0].str_value == "a"
    assert encode(codec, bytearray(b"\x00x"))[0].bytes_value == b"\x00x"
    assert len(encode(codec, frozenset({1, 2}))[0].set_value.items) == 2
    assert encode(codec, 1 << 70)[0].big_int == str(1 << 70)


def test_times_are_exact_microseconds(codec):
    utc = datetime.timezone.utc
    aware = datetime.datetime(2024, 2, 29, 12, 0, 0, 1, tzinfo=utc)
    value, _ = encode(codec, aware)
    assert value.datetime.has_tz
    assert codec.decode(value) == aware
    naive, _ = encode(codec, datetime.datetime(1969, 12, 31, 23, 59, 59))
    assert naive.datetime.epoch_us == -1_000_000 and not naive.datetime.has_tz
    day, _ = encode(codec, datetime.date(1970, 1, 2))
    assert day.datetime.epoch_us == 86_400_000_000
    delta, _ = encode(codec, datetime.timedelta(days=-1, microseconds=3))
    assert codec.decode(delta) == datetime.timedelta(days=-1, microseconds=3)


def test_out_of_range_datetimes_are_conversion_errors(codec):
    value = pb.Value()
    value.datetime.epoch_us = 1 << 62
    with pytest.raises(ConversionError, match="datetime"):
        codec.decode(value)


def test_an_unset_value_is_none(codec):
    assert codec.decode(pb.Value()) is None


def test_keys_and_set_items_become_hashable(codec):
    value = pb.Value()
    key = value.dict_value.keys.add()
    for i in (1, 2):
        key.list_value.items.add().int_value = i
    value.dict_value.values.add().str_value = "x"
    assert codec.decode(value) == {(1, 2): "x"}


def test_a_keyword_given_twice_is_an_error(codec):
    arguments = [pb.Argument(name="a", value=pb.Value(int_value=1)),
                 pb.Argument(name="a", value=pb.Value(int_value=2))]
    with pytest.raises(ConversionError, match="'a' given twice"):
        codec.decode_args(arguments)


def test_arrays_travel_as_one_c_order_buffer(codec):
    numpy = pytest.importorskip("numpy")
    array = numpy.asfortranarray(numpy.arange(6, dtype=numpy.int32).reshape(2, 3))
    value, ids = encode(codec, array)
    assert ids == []
    assert value.ndarray.dtype == "<i4" and list(value.ndarray.shape) == [2, 3]
    assert value.ndarray.data == numpy.ascontiguousarray(array).tobytes()
    back = codec.decode(value)
    assert back.flags.writeable and (back == array).all()
    bad = pb.Value()
    bad.ndarray.dtype, bad.ndarray.data = "<f8", b"\0" * 5
    bad.ndarray.shape.append(1)
    with pytest.raises(ConversionError, match="needs 8 bytes, got 5"):
        codec.decode(bad)


def test_object_arrays_stay_on_the_worker(codec, registry):
    numpy = pytest.importorskip("numpy")
    array = numpy.array([object()], dtype=object)
    value, ids = encode(codec, array)
    assert value.object.type_name == "numpy.ndarray" and registry.get(ids[0]) is array


def _dispatcher():
    return Dispatcher(Allowlist.parse(None))


def test_replies_list_their_new_objects():
    dispatcher = _dispatcher()
    request = pb.CallRequest(call_id=1, target="collections.OrderedDict", result_as_object=True)
    reply = dispatcher.run(request)
    assert reply.result.object.id == reply.new_objects[0]
    assert len(dispatcher.registry) == 1


def test_stream_items_list_their_new_objects():
    dispatcher = _dispatcher()
    # map(object, [1, 2, 3]): a stream of three fresh objects
    request = pb.CallRequest(call_id=2, op=pb.CallRequest.STREAM, target="builtins.map")
    request.args.add().value.CopyFrom(_handle_of(dispatcher, lambda _: object()))
    request.args.add().value.CopyFrom(_values([1, 2, 3]))
    _, items = run_stream(dispatcher, request)
    assert [len(item.new_objects) for item in items] == [1, 1, 1]
    assert [item.item.object.id for item in items] == [item.new_objects[0] for item in items]


def test_an_item_that_cannot_be_sent_is_released():
    dispatcher = _dispatcher()

    def broken_send(item):
        raise OSError("host gone")

    request = pb.CallRequest(call_id=3, op=pb.CallRequest.STREAM, target="builtins.map")
    request.args.add().value.CopyFrom(_handle_of(dispatcher, lambda _: object()))
    request.args.add().value.CopyFrom(_values([1]))
    held_before = len(dispatcher.registry)
    reply, _ = run_stream(dispatcher, request, ListSink(broken_send))
    assert reply.error.type == "OSError"
    assert len(dispatcher.registry) == held_before


def _handle_of(dispatcher, obj):
    value, ids = pb.Value(), []
    dispatcher.codec.encode_into(obj, 0, value, ids, as_handle=True)
    return value


def _values(items):
    value = pb.Value()
    for item in items:
        value.list_value.items.add().int_value = item
    return value
