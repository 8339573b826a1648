"""The fast lane's shared-memory segments (NDArray.shared, Frame.segments): a frame's segments
come with its first byte (SCM_RIGHTS) and are mapped by the reader; a frame whose segments are
missing, or whose descriptors are not sealed memfds, becomes a BadFrame naming why, and a real
worker answers such a call with a PROTOCOL fault instead of waiting for descriptors that never
come."""

import array
import os
import socket
import tempfile

import numpy
import pytest

from pybridge_agent import shared_memory
from pybridge_agent.codec import Codec
from pybridge_agent.decoding import BadFrame
from pybridge_agent.framing import FrameReader, Trailer, frame_buffers, write_frame
from pybridge_agent.objects import ObjectRegistry
from pybridge_agent.wire import pb
from test_malformed_frames import TIMEOUT, Lane, _spawn, _stop

LARGE = shared_memory.MIN_BYTES // 8 * 3  # float64 elements: 3 MiB


def _array_call(call_id, array, target="numpy.sum"):
    """A call of `target` with `array` in shared memory: (frame, trailer whose segment holds
    the array's bytes)."""
    request = pb.CallRequest(call_id=call_id, target=target)
    trailer = Trailer()
    Codec(ObjectRegistry()).encode_into(array, 0, request.args.add().value, [], trailer=trailer)
    assert request.args[0].value.ndarray.HasField("shared")
    return pb.Frame(call=request), trailer


def _send_without_descriptors(sock, frame, trailer):
    """Sends `frame` announcing its segments but passes no descriptor."""
    for buffer in frame_buffers(frame, trailer=trailer):
        sock.sendall(buffer)


def _hand_over(sock, frame, trailer, fd):
    """Sends `frame` with descriptor `fd` instead of its segments' (and closes it here)."""
    try:
        buffers = frame_buffers(frame, trailer=trailer)
        first = memoryview(buffers[0]).cast("B")
        rights = [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", [fd]))]
        sent = sock.sendmsg([first], rights)
        sock.sendall(first[sent:])
        for buffer in buffers[1:]:
            sock.sendall(buffer)
    finally:
        os.close(fd)


def _read_one(sock):
    reader = FrameReader(sock)
    sock.settimeout(TIMEOUT)
    frames = []
    while not frames:
        assert reader.fill(), "the connection closed before a whole frame"
        frames = reader.take()
    assert len(frames) == 1
    return reader, frames[0]


def _open_fds():
    return len(os.listdir("/proc/self/fd"))


@pytest.fixture
def pair():
    left, right = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    yield left, right
    left.close()
    right.close()


# -- the framing alone, over a socket pair ----------------------------------------------------

def test_segments_come_with_their_frame_and_map_the_same_bytes(pair):
    values = numpy.arange(LARGE, dtype=numpy.float64)
    frame, trailer = _array_call(7, values)
    write_frame(pair[0], frame, trailer=trailer)
    reader, (received, attached) = _read_one(pair[1])
    assert received.segments == 1 and len(attached.segments) == 1
    decoded = Codec(ObjectRegistry()).decode(received.call.args[0].value, attached)
    assert decoded.dtype == numpy.float64 and numpy.array_equal(decoded, values)
    # Copy-on-write: what the receiver writes stays on its side.
    decoded[0] = -1.0
    assert values[0] == 0.0 and os.pread(trailer.segments[0].fd, 8, 0) == bytes(8)


def test_a_frame_without_its_segments_is_a_bad_frame_for_its_call(pair):
    frame, trailer = _array_call(11, numpy.ones(LARGE))
    _send_without_descriptors(pair[0], frame, trailer)
    _, (received, attached) = _read_one(pair[1])
    assert isinstance(received, BadFrame) and attached is None
    assert received.call_id == 11
    assert "without its shared-memory segments" in received.reason


@pytest.mark.parametrize("make_fd, reason", [
    (lambda: os.open(tempfile.gettempdir(), os.O_RDONLY | os.O_DIRECTORY), "cannot be mapped"),
    (lambda: os.memfd_create("unsealed", os.MFD_ALLOW_SEALING), "not sealed"),
    (lambda: _sealed_empty_memfd(), "empty shared-memory segment"),
])
def test_a_descriptor_that_is_no_usable_segment_is_refused_and_closed(pair, make_fd, reason):
    frame, trailer = _array_call(12, numpy.ones(LARGE))
    _hand_over(pair[0], frame, trailer, make_fd())
    before = _open_fds()
    _, (received, _) = _read_one(pair[1])
    assert isinstance(received, BadFrame) and received.call_id == 12
    assert reason in received.reason
    assert _open_fds() <= before  # the received descriptor was closed, not kept


def test_descriptors_a_frame_does_not_claim_are_closed_with_the_reader(pair):
    plain = pb.Frame(call=pb.CallRequest(call_id=3, target="builtins.len"))
    _hand_over(pair[0], plain, None, os.memfd_create("stray"))
    before = _open_fds()
    reader, (received, _) = _read_one(pair[1])
    assert received.call.call_id == 3
    assert _open_fds() == before + 1  # the stray descriptor waits for a frame that claims it
    reader.close()
    assert _open_fds() == before


def _sealed_empty_memfd():
    import fcntl
    fd = os.memfd_create("empty", os.MFD_ALLOW_SEALING)
    fcntl.fcntl(fd, fcntl.F_ADD_SEALS, fcntl.F_SEAL_SHRINK | fcntl.F_SEAL_GROW)
    return fd


# -- a real worker ----------------------------------------------------------------------------

@pytest.fixture
def worker(tmp_path):
    path = str(tmp_path / "w.fast")
    process = _spawn(tmp_path, "--fast-lane", path)
    lane = Lane(path)
    yield lane
    lane.close()
    _stop(process)


def _reply(lane, call_id):
    frame = lane.next_frame()
    assert frame is not None, "the worker closed the connection"
    assert frame.WhichOneof("kind") == "reply" and frame.reply.call_id == call_id
    return frame.reply


def test_worker_computes_on_an_array_in_shared_memory(worker):
    values = numpy.arange(LARGE, dtype=numpy.float64)
    frame, trailer = _array_call(21, values)
    write_frame(worker.sock, frame, trailer=trailer)
    reply = _reply(worker, 21)
    assert reply.WhichOneof("outcome") == "result"
    assert reply.result.float_value == float(values.sum())


def test_worker_answers_a_call_whose_segments_are_missing_and_serves_on(worker):
    frame, trailer = _array_call(22, numpy.ones(LARGE))
    _send_without_descriptors(worker.sock, frame, trailer)
    reply = _reply(worker, 22)
    assert reply.WhichOneof("outcome") == "fault"
    assert reply.fault.code == pb.BridgeFault.PROTOCOL
    assert "without its shared-memory segments" in reply.fault.message
    # The descriptors of later frames are still told apart: the next call works.
    frame, trailer = _array_call(23, numpy.ones(LARGE))
    write_frame(worker.sock, frame, trailer=trailer)
    assert _reply(worker, 23).result.float_value == float(LARGE)


def test_worker_refuses_an_unsealed_segment(worker):
    frame, trailer = _array_call(24, numpy.ones(LARGE))
    fd = os.memfd_create("unsealed", os.MFD_ALLOW_SEALING)
    os.ftruncate(fd, LARGE * 8)
    _hand_over(worker.sock, frame, trailer, fd)
    reply = _reply(worker, 24)
    assert reply.WhichOneof("outcome") == "fault"
    assert reply.fault.code == pb.BridgeFault.PROTOCOL
    assert "not sealed" in reply.fault.message
