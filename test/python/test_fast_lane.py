"""The fast lane's Python side: framing (with raw array trailers), the native module's plain
calls and scalar replies (the same bytes and values as the general path), the main loop over a
socket pair, and cancel polling between stream items.

Run with Debian's interpreter, with the build tree's agent on the path:
    PYTHONPATH=build/share/pybridge/python /usr/bin/python3 -m pytest test/python/test_fast_lane.py
"""

import enum
import math
import select
import socket
import struct
import threading
import time

import numpy
import pytest

pytest.importorskip("pybridge_pb2", reason="needs the generated protobuf module: "
                    "PYTHONPATH=build/share/pybridge/python")

from pybridge_agent import wire  # noqa: E402
from pybridge_agent.allowlist import Allowlist  # noqa: E402
from pybridge_agent.cancellation import CallCancelled, Interrupter  # noqa: E402
from pybridge_agent.codec import Codec, ConversionError, MalformedValue  # noqa: E402
from pybridge_agent.dispatcher import Dispatcher  # noqa: E402
from pybridge_agent.fast_lane import OUTBOX_LIMIT, Connection  # noqa: E402
from pybridge_agent.framing import FrameReader, FrameTooLarge, Trailer, write_frame  # noqa: E402
from pybridge_agent.mainloop import MainLoop  # noqa: E402
from pybridge_agent.streams import STEP_ITEMS  # noqa: E402
from pybridge_agent.objects import ObjectRegistry  # noqa: E402
from pybridge_agent.wire import pb  # noqa: E402

native = wire.native
needs_native = pytest.mark.skipif(native is None, reason="built without the native module")


@pytest.fixture
def pair():
    a, b = socket.socketpair()
    yield a, b
    a.close()
    b.close()


def encode(value, out, trailer=None):
    Codec(ObjectRegistry()).encode_into(value, 0, out, [], trailer=trailer)
    return out


def codec_decode(value):
    return Codec(ObjectRegistry()).decode(value)


def call_frame(call_id=1, target="operator.add", args=(), kwargs=None, **fields):
    frame = pb.Frame()
    frame.call.call_id = call_id
    frame.call.target = target
    for value in args:
        encode(value, frame.call.args.add().value)
    for name, value in (kwargs or {}).items():
        argument = frame.call.args.add()
        argument.name = name
        encode(value, argument.value)
    for name, value in fields.items():
        setattr(frame.call, name, value)
    return frame


def twice_by_keyword():
    frame = call_frame(11, "operator.add", [], {"a": 1})
    argument = frame.call.args.add()
    argument.name = "a"
    argument.value.int_value = 2
    return frame


def framed(frame):
    payload = frame.SerializeToString()
    return struct.pack("<I", len(payload)) + payload


def read_all(reader):
    assert reader.fill()
    return reader.take()


# -- framing ---------------------------------------------------------------------------------

def test_one_frame_per_read_and_several_in_one_read(pair):
    a, b = pair
    reader = FrameReader(a)
    b.sendall(framed(call_frame(1)))
    [(frame, trailer)] = read_all(reader)
    assert frame.call.call_id == 1 and trailer is None
    b.sendall(framed(call_frame(2)) + framed(call_frame(3)))
    assert [f.call.call_id for f, _ in read_all(reader)] == [2, 3]


def test_frame_split_across_reads(pair):
    a, b = pair
    reader = FrameReader(a)
    data = framed(call_frame(7, "textwrap.fill", ["x" * 100]))
    b.sendall(data[:3])
    assert read_all(reader) == []
    b.sendall(data[3:20])
    assert read_all(reader) == []
    b.sendall(data[20:])
    [(frame, _)] = read_all(reader)
    assert frame.call.args[0].value.str_value == "x" * 100


def test_large_frame_is_read_whole(pair):
    a, b = pair
    reader = FrameReader(a)
    data = framed(call_frame(9, "len", [b"\x01" * (3 << 20)]))
    sender = threading.Thread(target=b.sendall, args=(data,))
    sender.start()
    frames = []
    while not frames:
        frames = read_all(reader)
    sender.join()
    assert len(frames[0][0].call.args[0].value.bytes_value) == 3 << 20


def test_oversized_frame_is_refused(pair):
    a, b = pair
    reader = FrameReader(a, max_frame=1000)
    b.sendall(struct.pack("<I", 5000) + b"\0" * 100)
    with pytest.raises(FrameTooLarge):
        reader.fill()


@pytest.mark.parametrize("size", [100 << 10, 6 << 20])  # read from the buffer / read whole
def test_trailer_round_trip(pair, size):
    a, b = pair
    frame = pb.Frame()
    frame.item.call_id = 4
    trailer = Trailer()
    first, second = bytes(range(256)) * (size // 512), b"\xab" * (size // 2)
    frame.item.item.ndarray.trailer.offset = trailer.add(first)
    frame.item.item.ndarray.trailer.size = len(first)
    trailer.add(memoryview(second))
    sender = threading.Thread(target=write_frame, args=(b, frame, 1 << 30, trailer))
    sender.start()
    reader = FrameReader(a)
    frames = []
    while not frames:
        frames = read_all(reader)
    sender.join()
    [(received, raw)] = frames
    assert received.item.call_id == 4
    assert bytes(raw) == first + second
    raw[0:1] = b"\xff"  # writable: arrays decoded from it are too


def test_trailer_counts_toward_the_limit(pair):
    _, b = pair
    trailer = Trailer()
    trailer.add(b"\0" * 2000)
    with pytest.raises(FrameTooLarge):
        write_frame(b, pb.Frame(), max_frame=1000, trailer=trailer)


# -- arrays in trailers ----------------------------------------------------------------------

def test_large_arrays_go_to_the_trailer_small_ones_inline():
    codec = Codec(ObjectRegistry())
    big = numpy.arange(20000, dtype=numpy.float64).reshape(100, 200)
    small = numpy.arange(10, dtype=numpy.int32)
    trailer = Trailer()
    out = encode([big, small, big[:, ::2]], pb.Value(), trailer)
    items = out.list_value.items
    assert items[0].ndarray.HasField("trailer") and items[0].ndarray.data == b""
    assert not items[1].ndarray.HasField("trailer") and len(items[1].ndarray.data) == 40
    assert items[2].ndarray.trailer.offset == big.nbytes  # made contiguous, then appended
    raw = bytearray(b"".join(bytes(buffer) for buffer in trailer.buffers))
    back = codec.decode(out, trailer=raw)
    numpy.testing.assert_array_equal(back[0], big)
    numpy.testing.assert_array_equal(back[1], small)
    numpy.testing.assert_array_equal(back[2], big[:, ::2])
    back[0][0, 0] = -1.0  # writable, like any array


def test_a_trailer_span_that_does_not_fit_is_a_protocol_error():
    codec = Codec(ObjectRegistry())
    value = pb.Value()
    value.ndarray.dtype = "<f8"
    value.ndarray.shape.extend([4])
    value.ndarray.trailer.offset = 8
    value.ndarray.trailer.size = 32
    with pytest.raises(MalformedValue):
        codec.decode(value, trailer=bytearray(32))
    with pytest.raises(MalformedValue):  # no trailer at all (the gRPC path)
        codec.decode(value)


# -- the native module: same values and bytes as the general path ----------------------------

PLAIN_ARGS = [
    ((1, 2), {}),
    ((), {}),
    ((-(1 << 63), (1 << 63) - 1, 0.5, -0.0, math.inf), {}),
    (("", "été", "\U0001F600", b"", b"\x00\xff", True, False, None), {}),
    ((1,), {"width": 3, "text": "a b"}),
]


@needs_native
@pytest.mark.parametrize("args, kwargs", PLAIN_ARGS)
def test_parse_call_decodes_as_the_codec(args, kwargs):
    frame = call_frame(42, "textwrap.shorten", args, kwargs, session_id=7)
    decoded = native.parse_call(framed(frame), 4)
    codec = Codec(ObjectRegistry())
    expected_args, expected_kwargs = codec.decode_args(frame.call.args)
    assert decoded == (42, 7, "textwrap.shorten", expected_args, expected_kwargs)
    assert [type(v) for v in decoded[3]] == [type(v) for v in expected_args]


@needs_native
@pytest.mark.parametrize("frame", [
    call_frame(args=[[1, 2]]),                          # a list argument
    call_frame(args=[1 << 64]),                         # a big int
    call_frame(args=[numpy.zeros(3)]),                  # an array
    call_frame(args=[1], op=pb.CallRequest.STREAM),
    call_frame(args=[1], op=pb.CallRequest.GET_ATTR),
    call_frame(args=[1], self_id=5, attribute="f"),
    call_frame(args=[1], timeout_seconds=1.5),
    call_frame(args=[1], result_as_object=True),
    pb.Frame(cancel=pb.Cancel(call_id=3)),
    twice_by_keyword(),                                 # an error the codec reports
])
def test_parse_call_leaves_everything_else_to_protobuf(frame):
    assert native.parse_call(framed(frame), 4) is None


@needs_native
def test_parse_call_reads_an_unset_value_as_none():
    frame = call_frame(5)
    frame.call.args.add()  # no value: None, as the codec reads it
    assert native.parse_call(framed(frame), 4) == (5, 0, "operator.add", [None], {})
    assert Codec(ObjectRegistry()).decode_args(frame.call.args) == ([None], {})


@needs_native
def test_parse_call_refuses_garbage():
    assert native.parse_call(b"\xff\xff\xff\xff\x0a\x05", 4) is None
    assert native.parse_call(b"abc", 10) is None


class Colour(enum.IntEnum):
    RED = 1


@needs_native
@pytest.mark.parametrize("result", [
    None, True, False, 0, 1, -1, (1 << 63) - 1, -(1 << 63), 1.25, -0.0, math.inf,
    "", "é\U0001F600", b"", b"\x00\x01",
])
def test_encode_reply_matches_protobuf(result):
    frame = pb.Frame()
    frame.reply.call_id = 99
    encode(result, frame.reply.result)
    assert native.encode_reply(99, result, 1 << 20) == framed(frame)


@needs_native
@pytest.mark.parametrize("result", [
    1 << 63, -(1 << 63) - 1, [1], (1,), {"a": 1}, bytearray(b"x"), Colour.RED, "\udc80",
    numpy.float64(1.5), object(),
])
def test_encode_reply_leaves_everything_else_to_the_codec(result):
    assert native.encode_reply(1, result, 1 << 20) is None


@needs_native
def test_encode_reply_respects_the_limit():
    assert native.encode_reply(1, "x" * 100, 50) is None


# Callbacks: a plain call passing a host callable, the worker's CallbackRequest and the host's
# answer stay native too; the rest goes the general way.

@needs_native
@pytest.mark.parametrize("args", [(), (1, "a", None, 2.5, b"x", True)])
def test_encode_callback_matches_protobuf(args):
    frame = pb.Frame()
    frame.callback.call_id = 3
    frame.callback.callback_id = 8
    encode(args, frame.callback.args)
    assert native.encode_callback(3, 8, args, 1 << 20) == framed(frame)


@needs_native
def test_encode_callback_leaves_other_arguments_to_the_codec():
    assert native.encode_callback(1, 2, ([1],), 1 << 20) is None
    assert native.encode_callback(1, 2, (object(),), 1 << 20) is None
    assert native.encode_callback(1, 2, ("x" * 100,), 50) is None


@needs_native
def test_parse_call_reads_a_plain_answer():
    frame = pb.Frame()
    frame.reply.call_id = 4
    encode("ok", frame.reply.result)
    assert native.parse_call(framed(frame), 4) == (4, "ok")
    frame.reply.new_objects.append(9)  # an answer naming objects: the general way
    assert native.parse_call(framed(frame), 4) is None
    error = pb.Frame()
    error.reply.call_id = 4
    error.reply.error.type = "TypeError"
    assert native.parse_call(framed(error), 4) is None


@needs_native
def test_parse_call_makes_host_callables_with_the_factory():
    frame = call_frame(6, "operator.call")
    frame.call.args.add().value.callback.id = 11
    native.set_callback_factory(lambda callback_id: ("host", callback_id))
    try:
        assert native.parse_call(framed(frame), 4) == (6, 0, "operator.call", [("host", 11)], {})
    finally:
        native.set_callback_factory(None)
    assert native.parse_call(framed(frame), 4) is None  # no factory: the general way


# -- the main loop, with and without the native module ---------------------------------------

def raises_value_error():
    raise ValueError("nope")


REQUESTS = [
    call_frame(1, "operator.add", [1, 2]),
    call_frame(2, "textwrap.shorten", ["Hello world, this is long"], {"width": 12}),
    call_frame(3, "operator.truediv", [1, 0]),            # a Python exception
    call_frame(4, "no_such_module_xyz.f", [1]),            # a bridge fault
    call_frame(5, "math.factorial", [30]),                 # a big int result
    call_frame(6, "builtins.divmod", [7, 2]),              # a tuple result
    call_frame(7, "builtins.list", ["ab"]),                # a list result
    call_frame(8, "operator.add", ["a", "b"], session_id=3),
    call_frame(9, "operator.add", [1, 2], timeout_seconds=5.0),
    call_frame(10, "test_fast_lane.raises_value_error"),
    twice_by_keyword(),                                    # a conversion fault
    call_frame(12, "builtins.object"),                     # a handle: a new object
]


def serve(native_module, frames):
    """Replies of a main loop to `frames`, sent one at a time."""
    interrupter = Interrupter()
    dispatcher = Dispatcher(Allowlist.parse(None), interrupter)
    loop = MainLoop(dispatcher, 1 << 20, native=native_module)
    host, worker = socket.socketpair()
    parse = native_module.parse_call if native_module else None
    connection = Connection(loop, 1, worker, 1 << 20, parse)
    replies = []
    reader = FrameReader(host)
    try:
        for frame in frames:
            host.sendall(framed(frame))
            loop._ready(connection, select.POLLIN)
            [(reply, _)] = read_all(reader)
            replies.append(reply)
    finally:
        host.close()
        worker.close()
    return replies, dispatcher.calls_served


@needs_native
def test_main_loop_replies_the_same_with_the_native_module():
    general, served_general = serve(None, REQUESTS)
    fast, served_fast = serve(native, REQUESTS)
    assert served_general == served_fast == len(REQUESTS)
    for expected, got in zip(general, fast):
        assert got == expected
    assert fast[0].reply.result.int_value == 3
    assert fast[2].reply.error.type == "ZeroDivisionError"
    assert fast[3].reply.fault.code == pb.BridgeFault.BAD_TARGET
    assert fast[4].reply.result.big_int == str(math.factorial(30))
    assert "raises_value_error" in fast[9].reply.error.traceback
    assert fast[10].reply.fault.code == pb.BridgeFault.CONVERSION
    assert list(fast[11].reply.new_objects) == [fast[11].reply.result.object.id]


@needs_native
def test_a_plain_call_cancelled_in_the_same_batch_is_skipped(pair):
    host, worker = pair
    dispatcher = Dispatcher(Allowlist.parse(None), Interrupter())
    loop = MainLoop(dispatcher, 1 << 20, native=native)
    connection = Connection(loop, 1, worker, 1 << 20, native.parse_call)
    plain = native.parse_call(framed(call_frame(21, "operator.add", [1, 2])), 4)
    cancel = pb.Frame(cancel=pb.Cancel(call_id=21))
    loop._handle_all(connection, [(plain, None), (cancel, None)])
    [(reply, _)] = read_all(FrameReader(host))
    assert reply.reply.call_id == 21
    assert reply.reply.fault.code == pb.BridgeFault.CANCELLED
    assert dispatcher.calls_served == 0


# -- streams: a step at a time, with credit, never blocking the loop --------------------------

class Lane:
    """A MainLoop and fast-lane connections to it over socket pairs, driven by hand."""

    def __init__(self, native=None):
        self.dispatcher = Dispatcher(Allowlist.parse(None), Interrupter())
        self.loop = MainLoop(self.dispatcher, 1 << 24, native=native)
        self.native = native
        self.ends = []

    def connect(self):
        host, worker = socket.socketpair()
        encode_item = self.native.encode_item if self.native is not None else None
        connection = Connection(self.loop, len(self.ends) + 1, worker, 1 << 24, None, encode_item)
        self.loop._watch(worker, lambda events: self.loop._ready(connection, events))
        self.ends.append((host, worker))
        return host, connection, FrameReader(host, 1 << 24)

    def send(self, host, connection, frame):
        host.sendall(framed(frame))
        while select.select([connection.sock], [], [], 0)[0] and not connection.closed:
            self.loop._ready(connection, select.POLLIN)

    def steps(self, limit=1000):
        """Steps the streams until none can go on; the number of steps."""
        for count in range(limit):
            if not self.loop._step_streams():
                return count + 1
        raise AssertionError("the stream never stopped")

    def close(self):
        for host, worker in self.ends:
            host.close()
            worker.close()


@pytest.fixture
def lane():
    lane = Lane()
    yield lane
    lane.close()


@pytest.fixture
def native_lane():
    if native is None:
        pytest.skip("the native module is not built")
    lane = Lane(native)
    yield lane
    lane.close()


def frames_now(reader, host):
    """The frames the worker has sent so far."""
    frames = []
    host.setblocking(False)
    try:
        while reader.fill():
            frames += reader.take_frames()
    except BlockingIOError:
        pass
    finally:
        host.setblocking(True)
    return frames + reader.take_frames()


def stream_request(call_id, target, args, window=0):
    frame = call_frame(call_id, target, args)
    frame.call.op = pb.CallRequest.STREAM
    frame.call.stream_window = window
    return frame


def test_a_stream_sends_no_more_items_than_its_credit(lane, tmp_modules):
    (tmp_modules / "counting.py").write_text(
        "closed = []\ndef count():\n    try:\n        n = 0\n        while True:\n"
        "            yield n\n            n += 1\n    finally:\n        closed.append(True)\n")
    host, connection, reader = lane.connect()
    lane.send(host, connection, stream_request(5, "counting.count", [], window=3))
    lane.steps()
    items = [f.item.item.int_value for f in frames_now(reader, host)]
    assert items == [0, 1, 2]
    lane.send(host, connection, pb.Frame(credit=pb.Credit(call_id=5, items=2)))
    lane.steps()
    assert [f.item.item.int_value for f in frames_now(reader, host)] == [3, 4]
    lane.send(host, connection, pb.Frame(cancel=pb.Cancel(call_id=5)))
    lane.steps()
    [frame] = frames_now(reader, host)
    assert frame.reply.call_id == 5
    assert frame.reply.fault.code == pb.BridgeFault.CANCELLED
    import counting
    assert counting.closed == [True]  # the generator was closed: its finally ran
    assert lane.loop._streams == [] and not connection.streams


def test_other_connections_are_served_while_a_stream_waits_for_credit(lane):
    stream_host, stream_connection, stream_reader = lane.connect()
    lane.send(stream_host, stream_connection, stream_request(1, "itertools.count", [], window=2))
    lane.steps()
    host, connection, reader = lane.connect()
    lane.send(host, connection, call_frame(9, "operator.add", [2, 3]))
    [reply] = frames_now(reader, host)
    assert reply.reply.result.int_value == 5
    assert len(frames_now(stream_reader, stream_host)) == 2


def test_a_slow_reader_does_not_block_the_worker(lane):
    """Items the host does not read wait in the outbox, not in a blocking send."""
    stream_host, stream_connection, stream_reader = lane.connect()
    item = "x" * 100_000
    lane.send(stream_host, stream_connection,
              stream_request(1, "itertools.repeat", [item, 200]))  # 20 MB, no credit limit
    lane.steps()
    held = stream_connection.outbox_bytes
    assert 0 < held < OUTBOX_LIMIT + 2 * len(item)
    assert stream_connection.watching_writes  # the loop waits for room to write
    host, connection, reader = lane.connect()
    lane.send(host, connection, call_frame(9, "operator.add", [2, 3]))
    assert frames_now(reader, host)[0].reply.result.int_value == 5
    # The host reads on (a thread: a large frame is read whole): the outbox drains as the
    # socket takes more, in order.
    received = []

    def read_to_the_reply():
        while not received or received[-1].WhichOneof("kind") != "reply":
            assert stream_reader.fill()
            received.extend(stream_reader.take_frames())

    reader_thread = threading.Thread(target=read_to_the_reply)
    reader_thread.start()
    deadline = time.monotonic() + 30
    while reader_thread.is_alive() and time.monotonic() < deadline:
        if select.select([], [stream_connection.sock], [], 0.01)[1]:
            lane.loop._ready(stream_connection, select.POLLOUT)
        lane.loop._step_streams()
    reader_thread.join(1)
    assert [f.item.item.str_value == item for f in received[:-1]] == [True] * 200
    assert received[-1].reply.call_id == 1 and received[-1].reply.HasField("result")
    assert not stream_connection.watching_writes


def test_a_stream_whose_host_goes_away_is_closed_and_releases_its_items(lane, tmp_modules):
    (tmp_modules / "objects_forever.py").write_text(
        "closed = []\nclass Big:\n    def __init__(self):\n        self.data = 'x' * 100_000\n"
        "def make():\n    try:\n        while True:\n            yield [Big(), 'y' * 4_000_000]\n"
        "    finally:\n        closed.append(True)\n")
    host, connection, _ = lane.connect()
    lane.send(host, connection, stream_request(1, "objects_forever.make", []))
    lane.steps()
    # The item (larger than the socket takes) waits, with an object the host owns; the
    # generator waits for the host before the next.
    assert connection.outbox_bytes > 0
    held = len(lane.dispatcher.registry)
    host.close()
    lane.loop._ready(connection, select.POLLIN | select.POLLHUP)
    import objects_forever
    assert objects_forever.closed == [True]
    assert len(lane.dispatcher.registry) < held  # the items never sent were released
    assert lane.loop._streams == []


def test_a_call_sent_during_a_stream_waits_for_its_end(lane):
    host, connection, reader = lane.connect()
    lane.send(host, connection, stream_request(1, "builtins.range", [3], window=1))
    lane.steps()
    lane.send(host, connection, call_frame(2, "operator.add", [1, 1]))
    assert [f.WhichOneof("kind") for f in frames_now(reader, host)] == ["item"]
    lane.send(host, connection, pb.Frame(credit=pb.Credit(call_id=1, items=5)))
    lane.steps()
    frames = frames_now(reader, host)
    assert [f.WhichOneof("kind") for f in frames] == ["item", "item", "reply", "reply"]
    assert [f.reply.call_id for f in frames[2:]] == [1, 2]


def test_after_an_item_holding_objects_the_stream_waits_for_the_host(lane, tmp_modules):
    (tmp_modules / "mixed.py").write_text(
        "import fractions\ndef make():\n    yield 0\n    yield 1\n"
        "    yield fractions.Fraction(1, 3)\n    yield 2\n    yield 3\n")
    host, connection, reader = lane.connect()
    lane.send(host, connection, stream_request(1, "mixed.make", [], window=100))
    lane.steps()
    frames = frames_now(reader, host)
    # Plain values go ahead; the object ends the batch, whatever the credit left.
    assert [f.item.item.WhichOneof("kind") for f in frames] == ["int_value"] * 2 + ["object"]
    lane.steps()
    assert frames_now(reader, host) == []
    lane.send(host, connection, pb.Frame(credit=pb.Credit(call_id=1, items=3)))
    lane.steps()
    frames = frames_now(reader, host)
    assert [f.item.item.int_value for f in frames[:2]] == [2, 3]
    assert frames[2].reply.call_id == 1


def test_a_groupby_group_is_whole_when_the_host_reads_it_before_moving_on(lane):
    host, connection, reader = lane.connect()
    lane.send(host, connection, stream_request(1, "itertools.groupby", ["aabbb"], window=100))
    groups = []
    for _ in range(2):
        lane.steps()
        [frame] = frames_now(reader, host)
        key, group = frame.item.item.tuple_value.items
        # The host's loop body: list(group), on another connection, before its credit.
        other, other_connection, other_reader = lane.connect()
        call = call_frame(7, "builtins.list")
        call.call.args.add().value.object.id = group.object.id
        lane.send(other, other_connection, call)
        [reply] = frames_now(other_reader, other)
        groups.append((key.str_value, [v.str_value for v in reply.reply.result.list_value.items]))
        lane.send(host, connection, pb.Frame(credit=pb.Credit(call_id=1, items=1)))
    assert groups == [("a", ["a", "a"]), ("b", ["b", "b", "b"])]


def test_a_stream_step_is_bounded():
    """A generator that never waits still lets the loop serve others between steps."""
    lane = Lane()
    try:
        host, connection, reader = lane.connect()
        lane.send(host, connection, stream_request(1, "itertools.count", []))
        for _ in range(3):
            assert lane.loop._step_streams()  # more to do, but it returned
            assert len(frames_now(reader, host)) <= STEP_ITEMS
    finally:
        lane.close()


def test_an_item_over_the_message_limit_is_a_conversion_fault(lane, tmp_modules):
    (tmp_modules / "big_items.py").write_text("def make():\n    yield 'x' * 5000\n")
    lane.loop = MainLoop(lane.dispatcher, 1000, native=None)
    host, worker = socket.socketpair()
    connection = Connection(lane.loop, 1, worker, 1000, None)
    lane.ends.append((host, worker))
    lane.loop._watch(worker, lambda events: lane.loop._ready(connection, events))
    lane.send(host, connection, stream_request(1, "big_items.make", []))
    lane.steps()
    [frame] = frames_now(FrameReader(host), host)
    assert frame.reply.fault.code == pb.BridgeFault.CONVERSION
    assert "exceeds the message limit" in frame.reply.fault.message


def test_a_failing_handler_does_not_end_the_loop(lane, capsys):
    loop = lane.loop
    calls = []

    def broken(events):
        calls.append(events)
        if len(calls) == 1:
            raise RuntimeError("agent bug")
        loop.stop()

    a, b = socket.socketpair()
    lane.ends.append((a, b))
    loop._watch(b, broken)
    a.sendall(b"x")
    loop.serve_forever()  # returns once stop() ran: the first failure did not end it
    assert len(calls) >= 2
    assert "agent bug" in capsys.readouterr().err


# Stream items: scalars the native module encodes leave at once, in order with the items that
# take the general path.

@needs_native
@pytest.mark.parametrize("item", [None, True, -7, 2.5, "é", b"\x00"])
def test_encode_item_matches_protobuf(item):
    frame = pb.Frame()
    frame.item.call_id = 12
    encode(item, frame.item.item)
    assert native.encode_item(12, item, 1 << 20) == framed(frame)


@needs_native
def test_encode_item_leaves_other_items_to_the_codec():
    assert native.encode_item(1, [1], 1 << 20) is None
    assert native.encode_item(1, 1 << 70, 1 << 20) is None
    assert native.encode_item(1, "x" * 100, 50) is None


def test_native_items_keep_their_order_and_credit(native_lane, tmp_modules):
    (tmp_modules / "mixed_items.py").write_text(
        "def items():\n    yield 1\n    yield 'two'\n    yield [3]\n    yield 4.0\n"
        "    yield 1 << 70\n    yield None\n    yield b'x'\n")
    host, connection, reader = native_lane.connect()
    native_lane.send(host, connection, stream_request(6, "mixed_items.items", [], window=5))
    native_lane.steps()
    got = [codec_decode(f.item.item) for f in frames_now(reader, host)]
    assert got == [1, "two", [3], 4.0, 1 << 70]
    native_lane.send(host, connection, pb.Frame(credit=pb.Credit(call_id=6, items=5)))
    native_lane.steps()
    frames = frames_now(reader, host)
    assert [codec_decode(f.item.item) for f in frames[:-1]] == [None, b"x"]
    assert frames[-1].reply.call_id == 6 and frames[-1].reply.WhichOneof("outcome") == "result"


def test_native_items_arrive_before_the_failure_that_ends_the_stream(native_lane, tmp_modules):
    (tmp_modules / "failing_items.py").write_text(
        "def items():\n    yield 1\n    yield 2\n    raise ValueError('no third')\n")
    host, connection, reader = native_lane.connect()
    native_lane.send(host, connection, stream_request(7, "failing_items.items", []))
    native_lane.steps()
    frames = frames_now(reader, host)
    assert [f.item.item.int_value for f in frames[:-1]] == [1, 2]
    assert frames[-1].reply.error.type == "ValueError"


def test_a_native_item_leaves_before_the_generator_goes_on(native_lane, tmp_modules):
    # The generator may block before its next item (a tail -f, a queue): what it yielded must
    # already be with the host.
    (tmp_modules / "watched_items.py").write_text(
        "import select\nhost = None\nseen = []\n"
        "def items():\n    yield 1\n"
        "    seen.append(bool(select.select([host], [], [], 0)[0]))\n    yield 2\n")
    import watched_items
    host, connection, reader = native_lane.connect()
    watched_items.host = host
    native_lane.send(host, connection, stream_request(8, "watched_items.items", []))
    native_lane.steps()
    assert watched_items.seen == [True]
    frames = frames_now(reader, host)
    assert [f.item.item.int_value for f in frames[:-1]] == [1, 2]
