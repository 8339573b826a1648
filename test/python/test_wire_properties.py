"""Properties of the agent's codec and framing, on values and byte streams Hypothesis makes:
every value with a wire form comes back equal, frames survive any split of the byte stream,
and bytes that are no frame or no value never raise anything but the agent's own errors.
(The runtime's side is fuzzed: fuzz/.)"""

import datetime
import math
import os
import struct
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

# Hypothesis keeps caches (Unicode tables) out of the source tree.
set_hypothesis_home_dir(os.path.join(tempfile.gettempdir(), "pybridge-hypothesis"))

from pybridge_agent.codec import Codec, ConversionError, MalformedValue
from pybridge_agent.decoding import BadFrame, decode_frame
from pybridge_agent.framing import FrameReader, FrameTooLarge, frame_buffers
from pybridge_agent.objects import ObjectLost, ObjectRegistry
from pybridge_agent.wire import pb

# (protobuf warns when garbage holds an end-group tag: it is still garbage, and handled)
pytestmark = pytest.mark.filterwarnings("ignore:Unexpected end-group tag:RuntimeWarning")

# No example database in the source tree; a few seconds per property in the suite.
QUICK = settings(max_examples=100, deadline=None, database=None,
                 suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(QUICK, max_examples=50)  # (examples of up to 20 values or 150 KB)

scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True)
           | st.text() | st.binary() | st.complex_numbers(allow_nan=False)
           | st.datetimes(min_value=datetime.datetime(1, 1, 2),
                          max_value=datetime.datetime(9999, 12, 30))
           | st.timedeltas(min_value=datetime.timedelta(days=-10**8),
                           max_value=datetime.timedelta(days=10**8)))
hashables = st.recursive(scalars.filter(lambda v: not isinstance(v, float) or not math.isnan(v)),
                         lambda inner: st.tuples(inner, inner) | st.frozensets(inner, max_size=3),
                         max_leaves=6)
values = st.recursive(
    scalars,
    lambda inner: (st.lists(inner, max_size=4) | st.tuples(inner, inner)
                   | st.dictionaries(hashables, inner, max_size=4)
                   | st.sets(hashables, max_size=4)),
    max_leaves=20)


def expected(value, key=False):
    """What the codec gives back for `value`: one wire kind for set and frozenset (a set,
    or a frozenset where it must be hashable), and lists inside keys as tuples."""
    if isinstance(value, (set, frozenset)):
        items = {expected(item, key=True) for item in value}
        return frozenset(items) if key else items
    if isinstance(value, list):
        items = [expected(item, key) for item in value]
        return tuple(items) if key else items
    if isinstance(value, tuple):
        return tuple(expected(item, key) for item in value)
    if isinstance(value, dict):
        return {expected(k, key=True): expected(v) for k, v in value.items()}
    return value


def same(a, b):
    """Equality that holds NaN equal to itself and compares containers item by item."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return a == b


@SLOW
@given(values)
def test_every_value_with_a_wire_form_comes_back_equal(value):
    codec = Codec(ObjectRegistry())
    out = pb.Value()
    codec.encode_into(value, 0, out, [])
    back = codec.decode(pb.Value.FromString(out.SerializeToString()))
    assert same(back, expected(value)), (value, back)


class Chunks:
    """A socket that delivers `data` in pieces of the given sizes, then end of stream."""

    def __init__(self, data, sizes):
        self._data, self._sizes, self._at = data, list(sizes), 0

    def _next_size(self, wanted):
        size = self._sizes.pop(0) if self._sizes else wanted
        return max(1, min(size, wanted))

    def recv(self, wanted):
        piece = self._data[self._at:self._at + self._next_size(wanted)]
        self._at += len(piece)
        return piece

    def recv_into(self, view, wanted=0, flags=0):
        piece = self.recv(len(view))
        view[:len(piece)] = piece
        return len(piece)

    # The reader uses recvmsg (descriptors of shared memory may come along): none here.
    def recvmsg(self, wanted, _ancillary_size=0, _flags=0):
        return self.recv(wanted), [], 0, None

    def recvmsg_into(self, buffers, _ancillary_size=0, _flags=0):
        return self.recv_into(buffers[0]), [], 0, None


def read_all(reader):
    frames = []
    while reader.fill():
        frames += reader.take()
    return frames + reader.take()


@SLOW
@given(st.lists(values, min_size=1, max_size=5), st.lists(st.integers(1, 200_000), max_size=40))
def test_frames_survive_any_split_of_the_stream(items, sizes):
    codec = Codec(ObjectRegistry())
    sent = []
    for call_id, value in enumerate(items, start=1):
        frame = pb.Frame()
        frame.reply.call_id = call_id
        codec.encode_into(value, 0, frame.reply.result, [])
        sent.append(frame)
    padding = pb.Frame()
    padding.item.call_id = 99
    padding.item.item.bytes_value = bytes(150_000)  # a frame the reader takes whole
    sent.append(padding)
    data = b"".join(bytes(buffer) for frame in sent for buffer in frame_buffers(frame))
    received = read_all(FrameReader(Chunks(data, sizes)))
    # (bytes, not messages: a NaN is never equal to itself)
    assert [frame.SerializeToString() for frame, _ in received] == [
        frame.SerializeToString() for frame in sent]


@QUICK
@given(st.binary(max_size=2000))
def test_bytes_that_are_no_frame_become_a_bad_frame_not_an_exception(data):
    frame = decode_frame(data)
    assert isinstance(frame, (pb.Frame, BadFrame))


@QUICK
@given(st.binary(max_size=4000), st.lists(st.integers(1, 500), max_size=20))
def test_a_stream_of_any_bytes_reads_without_surprise(data, sizes):
    try:
        frames = read_all(FrameReader(Chunks(data, sizes), max_frame=1 << 16))
    except FrameTooLarge:
        return
    assert all(isinstance(frame, (pb.Frame, BadFrame)) for frame, _ in frames)


@QUICK
@given(st.binary(max_size=2000))
def test_a_value_of_any_bytes_decodes_or_fails_as_the_agent_says(data):
    try:
        value = pb.Value.FromString(data)
    except Exception:  # noqa: BLE001 - not a Value at all: the framing's business
        return
    try:
        Codec(ObjectRegistry()).decode(value)
    except (ConversionError, MalformedValue, ObjectLost):
        pass


@pytest.mark.parametrize("dtype", ["(2,3)f8", "O", "V0", "S0", "<U0", "M8", "m8[xx]"])
def test_odd_dtypes_are_protocol_errors(dtype):
    value = pb.Value()
    value.ndarray.dtype = dtype
    value.ndarray.shape.append(1)
    value.ndarray.data = struct.pack("<d", 1.0) * 6
    with pytest.raises((MalformedValue, ConversionError)):
        Codec(ObjectRegistry()).decode(value)
