"""The gRPC Session stream (remote hosts): calls, stream items, cancels, releases."""

import os
import queue
import subprocess
import sys
import threading
import time

import grpc
import pytest

import pybridge_pb2_grpc
from pybridge_agent.wire import pb


def _serve(tmp_path, *options):
    ready_r, ready_w = os.pipe()
    address = f"unix:{tmp_path / 'w.grpc'}"
    process = subprocess.Popen(
        [sys.executable, "-m", "pybridge_agent", "serve", "--listen", address,
         "--ready-fd", str(ready_w), *options], pass_fds=(ready_w,), env=os.environ.copy())
    os.close(ready_w)
    assert os.read(ready_r, 64).startswith(b"ready")
    os.close(ready_r)
    channel = grpc.insecure_channel(address)
    yield pybridge_pb2_grpc.WorkerStub(channel)
    channel.close()
    process.kill()
    process.wait()


@pytest.fixture
def stub(tmp_path):
    yield from _serve(tmp_path)


@pytest.fixture
def stub_with_ttl(tmp_path):
    yield from _serve(tmp_path, "--object-ttl", "0.5")


class Host:
    """One Session stream: frames written with send(), answers read with next_frame()."""

    def __init__(self, stub):
        self._requests = queue.SimpleQueue()
        self._replies = stub.Session(iter(self._requests.get, None))

    def send(self, **frame):
        self._requests.put(pb.Frame(**frame))

    def next_frame(self, timeout=10):
        """The next frame from the worker; fails (rather than hangs) when none comes."""
        got = queue.SimpleQueue()
        threading.Thread(target=lambda: got.put(next(self._replies)), daemon=True).start()
        try:
            return got.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no frame from the worker within {timeout} s") from None

    def close(self):
        self._requests.put(None)
        return list(self._replies)


def health_of(stub):
    """The worker's heartbeat answer (op HEALTH), as the pool reads it."""
    return stub.Call(pb.CallRequest(op=pb.CallRequest.HEALTH)).health


def call(call_id, target, *ints, op=pb.CallRequest.CALL, session=0, as_object=False):
    request = pb.CallRequest(call_id=call_id, target=target, op=op, session_id=session,
                             result_as_object=as_object)
    for value in ints:
        request.args.add().value.int_value = value
    return request


def test_calls_and_stream_items(stub):
    host = Host(stub)
    host.send(call=call(1, "pybridge_faults.add", 2, 3))
    reply = host.next_frame().reply
    assert (reply.call_id, reply.result.int_value) == (1, 5)
    host.send(call=call(2, "pybridge_faults.count_up", 3, op=pb.CallRequest.STREAM))
    items = [host.next_frame().item.item.int_value for _ in range(3)]
    assert items == [0, 1, 2]
    assert host.next_frame().reply.call_id == 2
    assert host.close() == []


def test_cancel_reaches_the_running_call(stub):
    host = Host(stub)
    host.send(call=call(1, "time.sleep", 30))
    time.sleep(0.3)
    started = time.monotonic()
    host.send(cancel=pb.Cancel(call_id=1))
    reply = host.next_frame().reply
    assert reply.fault.code == pb.BridgeFault.CANCELLED
    assert time.monotonic() - started < 2


def test_objects_live_across_calls_and_sessions_close(stub):
    host = Host(stub)
    host.send(call=call(1, "pybridge_faults.Counter", 5, session=9, as_object=True))
    counter = host.next_frame().reply.result.object.id
    method = pb.CallRequest(call_id=2, self_id=counter, attribute="add", session_id=9)
    method.args.add().value.int_value = 1
    host.send(call=method)
    assert host.next_frame().reply.result.int_value == 6
    host.send(close_session=pb.CloseSession(session_id=9))
    host.send(call=call(3, "pybridge_faults.objects_held"))
    assert host.next_frame().reply.result.int_value == 0
    method.call_id = 4
    host.send(call=method)
    assert host.next_frame().reply.fault.code == pb.BridgeFault.OBJECT_LOST


def test_a_stream_waits_for_credit_and_calls_are_answered_meanwhile(stub):
    host = Host(stub)
    stream = call(1, "itertools.count", op=pb.CallRequest.STREAM)
    stream.stream_window = 2
    host.send(call=stream)
    assert [host.next_frame().item.item.int_value for _ in range(2)] == [0, 1]
    host.send(call=call(2, "pybridge_faults.add", 2, 3))
    reply = host.next_frame().reply  # not a third item: the stream waits for credit
    assert (reply.call_id, reply.result.int_value) == (2, 5)
    host.send(credit=pb.Credit(call_id=1, items=3))
    assert [host.next_frame().item.item.int_value for _ in range(3)] == [2, 3, 4]
    host.send(cancel=pb.Cancel(call_id=1))
    reply = host.next_frame().reply
    assert (reply.call_id, reply.fault.code) == (1, pb.BridgeFault.CANCELLED)
    assert host.close() == []


def test_a_stream_nobody_reads_holds_neither_the_worker_nor_memory(stub):
    reader = Host(stub)
    endless = pb.CallRequest(call_id=1, op=pb.CallRequest.STREAM, target="itertools.repeat")
    endless.args.add().value.str_value = "x" * 10000  # no window: only the queue limits it
    reader.send(call=endless)
    reader.next_frame()  # it runs
    rss = health_of(stub).rss_bytes
    other = Host(stub)
    other.send(call=call(1, "pybridge_faults.add", 2, 3))
    assert other.next_frame().reply.result.int_value == 5
    time.sleep(1.0)
    assert health_of(stub).rss_bytes < rss + (50 << 20)
    reader.send(cancel=pb.Cancel(call_id=1))
    other.close()


def test_session_ids_belong_to_their_stream(stub):
    """Two hosts both number their sessions from 1: one closing its session 1 must not drop
    the other's objects."""
    a, b = Host(stub), Host(stub)
    a.send(call=call(1, "pybridge_faults.Counter", 1, session=1, as_object=True))
    a.next_frame()
    b.send(call=call(1, "pybridge_faults.Counter", 7, session=1, as_object=True))
    counter = b.next_frame().reply.result.object.id
    a.send(close_session=pb.CloseSession(session_id=1))
    a.send(call=call(2, "pybridge_faults.objects_held"))
    assert a.next_frame().reply.result.int_value == 1  # a's object went, b's stays
    method = pb.CallRequest(call_id=2, self_id=counter, attribute="add", session_id=1)
    method.args.add().value.int_value = 1
    b.send(call=method)
    assert b.next_frame().reply.result.int_value == 8
    a.close()
    b.close()


def test_objects_of_a_stream_are_released_when_it_ends(stub):
    host = Host(stub)
    for call_id in range(1, 51):
        host.send(call=call(call_id, "pybridge_faults.Counter", call_id, as_object=True,
                            session=call_id % 3))
        host.next_frame()
    assert health_of(stub).objects_held == 50
    host.close()  # a host that went away without releasing anything
    deadline = time.monotonic() + 5
    while health_of(stub).objects_held and time.monotonic() < deadline:
        time.sleep(0.05)
    assert health_of(stub).objects_held == 0


def test_the_allowlist_holds_on_the_session_stream(tmp_path):
    ready_r, ready_w = os.pipe()
    address = f"unix:{tmp_path / 'allow.grpc'}"
    process = subprocess.Popen(
        [sys.executable, "-m", "pybridge_agent", "serve", "--listen", address,
         "--ready-fd", str(ready_w), "--allow", "math,pathlib"],
        pass_fds=(ready_w,), env=os.environ.copy())
    os.close(ready_w)
    try:
        assert os.read(ready_r, 64).startswith(b"ready")
        channel = grpc.insecure_channel(address)
        host = Host(pybridge_pb2_grpc.WorkerStub(channel))
        for call_id, target in enumerate(["exec", "__import__", "pathlib.os.getpid", "os.getpid",
                                          "len"], start=1):
            request = call(call_id, target)
            request.args.add().value.str_value = "os"
            host.send(call=request)
            assert host.next_frame().reply.fault.code == pb.BridgeFault.NOT_ALLOWED, target
        host.send(call=call(9, "os", op=pb.CallRequest.LIBRARY_HASH))
        assert host.next_frame().reply.fault.code == pb.BridgeFault.NOT_ALLOWED
        host.send(call=call(10, "math.factorial", 5))
        assert host.next_frame().reply.result.int_value == 120
        host.close()
        channel.close()
    finally:
        os.close(ready_r)
        process.kill()
        process.wait()


def test_objects_a_stream_leaves_unused_expire_with_a_clear_error(stub_with_ttl):
    stub = stub_with_ttl
    # An object of a unary Call (a session number, as local hosts use) never expires.
    kept = stub.Call(call(1, "pybridge_faults.Counter", 5, as_object=True))
    assert kept.result.object.id
    host = Host(stub)
    host.send(call=call(1, "pybridge_faults.Counter", 1, session=1, as_object=True))
    leaked = host.next_frame().reply.result.object.id
    assert health_of(stub).objects_held == 2
    deadline = time.monotonic() + 30
    while health_of(stub).objects_held > 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert health_of(stub).objects_held == 1  # the stream's, unused past 0.5 s, went
    method = pb.CallRequest(call_id=2, self_id=leaked, attribute="add", session_id=1)
    method.args.add().value.int_value = 1
    host.send(call=method)
    reply = host.next_frame().reply
    assert reply.fault.code == pb.BridgeFault.OBJECT_LOST
    assert "--object-ttl" in reply.fault.message
    host.close()
