"""The serving agent as a process: calls cancelled before they start are skipped, and the
lifeline ends the worker and its process group when the host goes away."""

import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from pybridge_agent.framing import FrameReader, write_frame
from pybridge_agent.wire import pb


@pytest.fixture
def worker(tmp_path):
    """A worker serving a fast lane, with a lifeline whose write end the test holds."""
    ready_r, ready_w = os.pipe()
    life_r, life_w = os.pipe()
    fast = str(tmp_path / "w.fast")
    process = subprocess.Popen(
        [sys.executable, "-m", "pybridge_agent", "serve", "--listen",
         f"unix:{tmp_path / 'w.grpc'}", "--fast-lane", fast, "--ready-fd", str(ready_w),
         "--lifeline-fd", str(life_r)],
        pass_fds=(ready_w, life_r), process_group=0, env=os.environ.copy())
    os.close(ready_w)
    os.close(life_r)
    assert os.read(ready_r, 64).startswith(b"ready")
    os.close(ready_r)
    process.fast_lane = fast
    process.lifeline = life_w
    yield process
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    try:
        os.close(life_w)
    except OSError:
        pass


def connect(path):
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.connect(path)
    return sock, FrameReader(sock)


def call_frame(call_id, target, *ints):
    request = pb.CallRequest(call_id=call_id, target=target)
    for value in ints:
        request.args.add().value.int_value = value
    return pb.Frame(call=request)


def read_reply(sock, reader):
    while True:
        frames = reader.take_frames()
        if frames:
            return frames[0].reply
        assert reader.fill(), "the worker closed the connection"


def test_call_cancelled_before_it_starts_is_skipped(worker):
    busy, busy_reader = connect(worker.fast_lane)
    write_frame(busy, call_frame(1, "time.sleep", 1))  # keeps the main thread busy
    time.sleep(0.2)
    queued, queued_reader = connect(worker.fast_lane)
    write_frame(queued, call_frame(7, "pybridge_faults.counted", 5))
    write_frame(queued, pb.Frame(cancel=pb.Cancel(call_id=7)))  # its host-side timeout passed
    reply = read_reply(queued, queued_reader)
    assert reply.call_id == 7
    assert reply.fault.code == pb.BridgeFault.CANCELLED
    assert "before it started" in reply.fault.message
    assert read_reply(busy, busy_reader).HasField("result")
    write_frame(queued, call_frame(8, "pybridge_faults.runs"))
    assert read_reply(queued, queued_reader).result.int_value == 0  # counted() never ran


def test_lifeline_end_kills_the_worker_and_its_group(worker):
    sock, reader = connect(worker.fast_lane)
    write_frame(sock, call_frame(1, "pybridge_faults.spawn_child"))
    child = read_reply(sock, reader).result.int_value
    os.kill(child, 0)  # running
    os.close(worker.lifeline)  # what the kernel does when the host dies
    assert worker.wait(timeout=5) == -signal.SIGIO  # the kernel's signal, not the thread
    deadline = time.monotonic() + 5
    while _running(child) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not _running(child)


def _running(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False


def test_a_call_is_answered_while_the_host_reads_no_stream_item(worker):
    """`for (auto &item : stream) pybridge::call(...)` in a Session: the host reads no item while
    its loop body waits for a call to the same worker. The worker must not block sending
    items: 5000 items of 1000 bytes are far more than the socket holds."""
    streaming, stream_reader = connect(worker.fast_lane)
    request = pb.CallRequest(call_id=1, op=pb.CallRequest.STREAM, target="itertools.repeat")
    request.args.add().value.str_value = "x" * 1000
    request.args.add().value.int_value = 5000
    write_frame(streaming, pb.Frame(call=request))
    time.sleep(0.3)
    other, other_reader = connect(worker.fast_lane)
    other.settimeout(5)
    write_frame(other, call_frame(2, "pybridge_faults.add", 2, 3))
    assert read_reply(other, other_reader).result.int_value == 5
    items = 0
    while True:
        if not stream_reader.fill():
            raise AssertionError("the worker closed the stream's connection")
        for frame in stream_reader.take_frames():
            if frame.WhichOneof("kind") == "reply":
                assert items == 5000 and frame.reply.HasField("result")
                return
            items += 1
