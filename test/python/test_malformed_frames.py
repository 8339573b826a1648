"""What a worker does with frames it cannot read: every call gets an answer (a PROTOCOL fault
naming what was wrong), a frame with no call to answer closes its connection, values nest
MAX_VALUE_DEPTH containers deep both ways, a stalled large frame holds up nothing else, and
none of it floods the log. Each test reads with a timeout: a worker that stays silent fails
the test instead of hanging it."""

import os
import queue
import signal
import socket
import struct
import subprocess
import sys
import threading
import time

import grpc
import pytest

import pybridge_pb2_grpc
from pybridge_agent.codec import Codec, MalformedValue
from pybridge_agent.decoding import (MESSAGE_DEPTH_LIMIT, BadFrame, decode_frame,
                                     message_depth)
from pybridge_agent.framing import FrameReader, write_frame
from pybridge_agent.log import RateLimited
from pybridge_agent.objects import ObjectRegistry
from pybridge_agent.wire import pb

DEPTH = pb.MAX_VALUE_DEPTH
TIMEOUT = 10  # seconds a reply may take on a loaded machine


@pytest.fixture
def worker(tmp_path, tmp_modules):
    (tmp_modules / "nesting.py").write_text(
        "def depth(value):\n"
        "    n = 0\n"
        "    while isinstance(value, list):\n"
        "        n, value = n + 1, value[0] if value else None\n"
        "    return n\n"
        "def nested(n):\n"
        "    value = 1\n"
        "    for _ in range(n):\n"
        "        value = [value]\n"
        "    return value\n"
        "def itself():\n"
        "    value = []\n"
        "    value.append(value)\n"
        "    return value\n")
    process = _spawn(tmp_path, "--fast-lane", str(tmp_path / "w.fast"))
    process.fast_lane = str(tmp_path / "w.fast")
    yield process
    _stop(process)


def _spawn(tmp_path, *args):
    ready_r, ready_w = os.pipe()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    process = subprocess.Popen(
        [sys.executable, "-m", "pybridge_agent", "serve", "--listen",
         f"unix:{tmp_path / 'w.grpc'}", "--ready-fd", str(ready_w), *args],
        pass_fds=(ready_w,), env=env, stderr=subprocess.PIPE, text=True)
    os.close(ready_w)
    try:
        assert os.read(ready_r, 64).startswith(b"ready")
    finally:
        os.close(ready_r)
    process.address = f"unix:{tmp_path / 'w.grpc'}"
    return process


def _stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.wait()


class Lane:
    """One fast-lane connection whose reads time out."""

    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(path)
        self.sock.settimeout(TIMEOUT)
        self.reader = FrameReader(self.sock, 1 << 30)
        self.frames = []

    def send_bytes(self, payload):
        self.sock.sendall(struct.pack("<I", len(payload)) + payload)

    def send(self, frame):
        write_frame(self.sock, frame)

    def next_frame(self):
        while True:
            self.frames += self.reader.take_frames()
            if self.frames:
                return self.frames.pop(0)
            try:
                open_ = self.reader.fill()
            except socket.timeout:
                raise AssertionError(f"no answer from the worker within {TIMEOUT} s") from None
            if not open_:
                return None  # the worker closed the connection

    def close(self):
        self.sock.close()


def call(call_id, target, *args, **kwargs):
    request = pb.CallRequest(call_id=call_id, target=target)
    codec = Codec(ObjectRegistry())
    for value in args:
        codec.encode_into(value, 0, request.args.add().value, [])
    for name, value in kwargs.items():
        argument = request.args.add(name=name)
        codec.encode_into(value, 0, argument.value, [])
    return pb.Frame(call=request)


def with_bad_text(frame, text):
    """`frame`'s bytes with `text` (ASCII, in the frame once) replaced by invalid UTF-8."""
    data = frame.SerializeToString()
    assert data.count(text.encode()) == 1
    return data.replace(text.encode(), b"\xff" * len(text))


def nested(n, leaf=1):
    value = leaf
    for _ in range(n):
        value = [value]
    return value


# -- frames that do not parse -----------------------------------------------------------------

@pytest.mark.parametrize("frame, text", [
    (call(3, "ztarget"), "ztarget"),                             # a dynamic target
    (call(3, "builtins.len", "zargument"), "zargument"),         # an argument
    (call(3, "builtins.len", ["a", "zitem"]), "zitem"),          # an item in a container
    (call(3, "builtins.dict", zkeyword=1), "zkeyword"),          # a keyword's name
    (call(3, "builtins.len", {"zkey": 1}), "zkey"),              # a dict key
])
def test_text_that_is_not_utf8_gets_a_protocol_fault(worker, frame, text):
    lane = Lane(worker.fast_lane)
    lane.send_bytes(with_bad_text(frame, text))
    reply = lane.next_frame().reply
    assert reply.call_id == 3
    assert reply.fault.code == pb.BridgeFault.PROTOCOL
    assert "could not read the call" in reply.fault.message
    lane.send(call(4, "builtins.len", "abc"))  # the connection goes on
    assert lane.next_frame().reply.result.int_value == 3


def test_a_frame_with_no_call_to_answer_closes_its_connection(worker):
    lane = Lane(worker.fast_lane)
    lane.send_bytes(b"\x0a\x05garbage")  # field 1 (a call) cut short
    assert lane.next_frame() is None
    other = Lane(worker.fast_lane)  # the worker serves on
    other.send(call(1, "builtins.len", "ab"))
    assert other.next_frame().reply.result.int_value == 2


def test_a_bad_frame_logs_one_line_however_often_it_comes(worker):
    lane = Lane(worker.fast_lane)
    bad = with_bad_text(call(5, "ztarget"), "ztarget")
    sender = threading.Thread(target=lambda: [lane.send_bytes(bad) for _ in range(2000)])
    sender.start()  # (while the replies are read: neither side's socket buffer fills)
    for _ in range(2000):
        assert lane.next_frame().reply.fault.code == pb.BridgeFault.PROTOCOL
    sender.join()
    _stop(worker)
    lines = worker.stderr.read().splitlines()
    assert 1 <= len(lines) <= 3, lines
    assert "did not parse" in lines[0]


def test_field_numbers_of_the_header_agree_with_the_frame():
    def numbers(message):
        return {field.name: field.number for field in message.DESCRIPTOR.fields}

    header, frame = numbers(pb.FrameHeader), numbers(pb.Frame)
    assert header == {name: frame[name] for name in header}
    for part, message in [("CallHeader", pb.CallRequest), ("ReplyHeader", pb.CallReply),
                          ("ItemHeader", pb.StreamItem)]:
        fields = numbers(getattr(pb.FrameHeader, part))
        assert fields == {name: numbers(message)[name] for name in fields}, part


# -- nesting ----------------------------------------------------------------------------------

def test_values_nested_to_the_limit_go_both_ways(worker):
    lane = Lane(worker.fast_lane)
    lane.send(call(1, "nesting.depth", nested(DEPTH)))
    reply = lane.next_frame().reply
    assert reply.result.int_value == DEPTH, reply
    lane.send(call(2, "nesting.nested", DEPTH))
    reply = lane.next_frame().reply
    assert reply.HasField("result"), reply
    value = Codec(ObjectRegistry()).decode(reply.result)
    for _ in range(DEPTH):  # (== on lists this deep would exceed Python's recursion limit)
        [value] = value
    assert value == 1


def test_deeper_values_are_a_clear_error_and_the_worker_goes_on(worker):
    lane = Lane(worker.fast_lane)
    lane.send(call(1, "nesting.nested", DEPTH + 1))
    reply = lane.next_frame().reply
    assert reply.fault.code == pb.BridgeFault.CONVERSION
    assert f"deeper than {DEPTH}" in reply.fault.message
    lane.send(call(2, "nesting.itself"))
    reply = lane.next_frame().reply
    assert reply.fault.code == pb.BridgeFault.CONVERSION
    assert "contains itself" in reply.fault.message
    frame = pb.Frame()
    frame.call.call_id = 3
    frame.call.target = "nesting.depth"
    value = frame.call.args.add().value
    for _ in range(DEPTH + 5):
        value = value.list_value.items.add()
    value.int_value = 1
    lane.send(frame)  # a sender that ignores the limit
    reply = lane.next_frame().reply
    assert reply.call_id == 3
    assert reply.fault.code == pb.BridgeFault.PROTOCOL
    assert f"deeper than {DEPTH}" in reply.fault.message
    lane.send(call(4, "builtins.len", "abc"))
    assert lane.next_frame().reply.result.int_value == 3


def test_the_message_depth_limit_fits_the_value_depth_limit():
    frame = pb.Frame()
    value = frame.call.args.add().value
    for _ in range(DEPTH):
        value = value.list_value.items.add()
    value.ndarray.trailer.size = 1  # the deepest leaf: Value, NDArray, Span
    assert message_depth(frame.SerializeToString(), pb.Frame.DESCRIPTOR,
                         1 << 20) == pb.MAX_MESSAGE_DEPTH


def test_message_depth_measures_without_recursion():
    value = pb.Value()
    inner = value
    for _ in range(5000):
        inner = inner.list_value.items.add()
    data = value.SerializeToString()
    assert message_depth(data, pb.Value.DESCRIPTOR, 1 << 20) == 2 * 5000 + 1
    assert message_depth(data, pb.Value.DESCRIPTOR, MESSAGE_DEPTH_LIMIT) is None
    assert message_depth(data[:-3], pb.Value.DESCRIPTOR, 1 << 20) is None  # cut short
    assert isinstance(decode_frame(b"\x0a\x05garbage"), BadFrame)


# -- malformed values -------------------------------------------------------------------------

def _value(**fields):
    value = pb.Value()
    for path, content in fields.items():
        target = value
        *parents, last = path.split("__")
        for name in parents:
            target = getattr(target, name)
        field = getattr(target, last)
        if isinstance(content, list):
            field.extend(content)
        else:
            setattr(target, last, content)
    return value


def _dict_with(keys, values):
    value = pb.Value()
    value.dict_value.SetInParent()
    for k in keys:
        value.dict_value.keys.add().int_value = k
    for v in values:
        value.dict_value.values.add().int_value = v
    return value


@pytest.mark.parametrize("value", [
    _value(big_int="12a"),
    _value(big_int=" 12"),
    _value(big_int="1_000"),
    _value(big_int="\u0663"),                           # an Arabic-Indic digit int() accepts
    _value(ndarray__dtype="not a dtype", ndarray__data=b""),
    _value(ndarray__dtype="O", ndarray__data=b"\0" * 8, ndarray__shape=[1]),  # pointers
    _value(ndarray__dtype="<f8", ndarray__shape=[-1, -1], ndarray__data=b"\0" * 8),
    _dict_with([1, 2], [3]),
    _dict_with([1], [3, 4]),
])
def test_malformed_values_are_protocol_errors(value):
    with pytest.raises(MalformedValue):
        Codec(ObjectRegistry()).decode(value)


def test_a_malformed_value_is_a_protocol_fault_for_its_call(worker):
    lane = Lane(worker.fast_lane)
    frame = call(1, "builtins.len")
    frame.call.args.add().value.big_int = "12a"
    lane.send(frame)
    reply = lane.next_frame().reply
    assert reply.fault.code == pb.BridgeFault.PROTOCOL
    assert "not decimal text" in reply.fault.message



# -- stalls -----------------------------------------------------------------------------------

def test_a_stalled_large_frame_holds_up_no_other_connection(worker):
    staller = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    staller.connect(worker.fast_lane)
    announced = 8 << 20
    staller.sendall(struct.pack("<I", announced) + b"\0" * (200 << 10))  # ... and no more
    time.sleep(0.2)
    lane = Lane(worker.fast_lane)
    lane.send(call(1, "builtins.len", "abc"))
    assert lane.next_frame().reply.result.int_value == 3
    staller.close()
    lane.send(call(2, "builtins.len", "ab"))
    assert lane.next_frame().reply.result.int_value == 2


# -- the gRPC Session stream ------------------------------------------------------------------

def test_a_bad_frame_on_the_session_stream_is_answered_and_the_stream_goes_on(tmp_path):
    process = _spawn(tmp_path)
    channel = grpc.insecure_channel(process.address)
    try:
        requests = queue.SimpleQueue()
        session = channel.stream_stream(
            "/pybridge.v1.Worker/Session", request_serializer=lambda data: data,
            response_deserializer=pb.Frame.FromString)
        replies = session(iter(requests.get, None))
        got = queue.SimpleQueue()
        reader = threading.Thread(target=lambda: [got.put(frame) for frame in replies],
                                  daemon=True)
        reader.start()
        requests.put(with_bad_text(call(7, "ztarget"), "ztarget"))
        reply = got.get(timeout=TIMEOUT).reply
        assert reply.call_id == 7 and reply.fault.code == pb.BridgeFault.PROTOCOL
        requests.put(call(8, "builtins.len", "abcd").SerializeToString())
        assert got.get(timeout=TIMEOUT).reply.result.int_value == 4
        requests.put(None)
        stub = pybridge_pb2_grpc.WorkerStub(channel)
        health = stub.Call(pb.CallRequest(op=pb.CallRequest.HEALTH), timeout=TIMEOUT).health
        assert health.pid == process.pid
        reader.join(TIMEOUT)  # the worker ended the stream (before the channel closes)
        assert not reader.is_alive()
    finally:
        channel.close()
        _stop(process)


# -- the rate limit ---------------------------------------------------------------------------

def test_rate_limited_lines_say_how_many_were_left_out(capsys):
    now = [0.0]
    log = RateLimited(interval=10, clock=lambda: now[0])
    for _ in range(5):
        log("bad frame")
    now[0] = 11
    log("bad frame")
    assert capsys.readouterr().err.splitlines() == [
        "bad frame", "bad frame (and 4 more like it, not shown)"]
