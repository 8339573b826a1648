"""The gRPC Session stream (remote hosts): calls, stream items, cancels, releases."""

import os
import queue
import subprocess
import sys
import time

import grpc
import pytest

import pybridge_pb2_grpc
from pybridge_agent.wire import pb


@pytest.fixture
def stub(tmp_path):
    ready_r, ready_w = os.pipe()
    address = f"unix:{tmp_path / 'w.grpc'}"
    process = subprocess.Popen(
        [sys.executable, "-m", "pybridge_agent", "serve", "--listen", address,
         "--ready-fd", str(ready_w)], pass_fds=(ready_w,), env=os.environ.copy())
    os.close(ready_w)
    assert os.read(ready_r, 64).startswith(b"ready")
    os.close(ready_r)
    channel = grpc.insecure_channel(address)
    yield pybridge_pb2_grpc.WorkerStub(channel)
    channel.close()
    process.kill()
    process.wait()


class Host:
    """One Session stream: frames written with send(), answers read with next_frame()."""

    def __init__(self, stub):
        self._requests = queue.SimpleQueue()
        self._replies = stub.Session(iter(self._requests.get, None))

    def send(self, **frame):
        self._requests.put(pb.Frame(**frame))

    def next_frame(self):
        return next(self._replies)

    def close(self):
        self._requests.put(None)
        return list(self._replies)


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
