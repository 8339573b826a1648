"""Host callbacks on the worker's side (callbacks.py, MainLoop.call_host): the request goes out
on the running call's connection, the worker serves other calls while it waits (a nested call
from the host among them), and the answer's result, Python error or C++ exception reaches the
Python code that called it.

Run with Debian's interpreter, with the build tree's agent on the path:
    PYTHONPATH=build/share/pybridge/python /usr/bin/python3 -m pytest test/python/test_callbacks.py
"""

import threading

import pytest

pytest.importorskip("pybridge_pb2", reason="needs the generated protobuf module: "
                    "PYTHONPATH=build/share/pybridge/python")

from pybridge_agent.callbacks import CallbackError, CallbackUnavailable, HostCallable  # noqa: E402
from pybridge_agent.framing import FrameReader  # noqa: E402
from pybridge_agent.wire import pb  # noqa: E402

from test_fast_lane import Lane, call_frame, framed  # noqa: E402


@pytest.fixture
def lane():
    lane = Lane()
    yield lane
    lane.close()


def callback_call(call_id, target, callback_id, *args):
    """A call of `target` whose first argument is host callable `callback_id`."""
    frame = call_frame(call_id, target, args)
    frame.call.args.insert(0, pb.Argument())
    frame.call.args[0].value.callback.id = callback_id
    return frame


def next_frame(reader):
    while True:
        frames = reader.take_frames()
        if frames:
            assert len(frames) == 1
            return frames[0]
        assert reader.fill(), "the worker closed the connection"


class Host(threading.Thread):
    """The host's side of one call: `answer(request)` returns the CallReply for each callback
    request; the call's own reply ends it."""

    def __init__(self, host, reader, answer):
        super().__init__(daemon=True)
        self.host, self.reader, self.answer = host, reader, answer
        self.requests, self.reply = [], None

    def run(self):
        while True:
            frame = next_frame(self.reader)
            if frame.WhichOneof("kind") == "reply":
                self.reply = frame.reply
                return
            self.requests.append(frame.callback)
            answer = self.answer(frame.callback)
            if answer is not None:
                self.host.sendall(framed(pb.Frame(reply=answer)))


def run_call(lane, frame, answer):
    host, connection, reader = lane.connect()
    side = Host(host, reader, answer)
    side.start()
    lane.send(host, connection, frame)  # runs the call here, waits inside for the answers
    side.join(10)
    assert not side.is_alive()
    return side


def int_answer(request, value):
    reply = pb.CallReply(call_id=request.call_id)
    reply.result.int_value = value
    return reply


def test_round_trip_while_the_worker_serves_a_nested_call(lane):
    nested = {}
    host2, _, reader2 = lane.connect()  # (accepted by the main thread, as the listener does)

    def answer(request):
        # The callback calls Python again on another connection of the same worker.
        host2.sendall(framed(call_frame(1, "operator.mul", [6, 7])))
        nested["reply"] = next_frame(reader2).reply
        assert list(request.args.tuple_value.items) == [pb.Value(int_value=5)]
        return int_answer(request, nested["reply"].result.int_value)

    side = run_call(lane, callback_call(3, "operator.call", 9, 5), answer)
    assert [r.callback_id for r in side.requests] == [9]
    assert nested["reply"].result.int_value == 42
    assert side.reply.call_id == 3 and side.reply.result.int_value == 42


def test_an_uncaught_cpp_exception_ends_the_call_with_its_id(lane):
    def answer(request):
        reply = pb.CallReply(call_id=request.call_id)
        reply.error.type = "std::invalid_argument"
        reply.error.message = "negative"
        reply.error.host_exception = 17
        return reply

    side = run_call(lane, callback_call(4, "operator.call", 1, -1), answer)
    error = side.reply.error
    assert (error.type, error.message, error.host_exception) == ("CallbackError", "negative", 17)


def test_python_errors_of_the_host_are_python_exceptions(lane, tmp_modules):
    (tmp_modules / "catching.py").write_text(
        "def call(f, *args):\n    try:\n        return repr(f(*args))\n"
        "    except Exception as exc:\n        return type(exc).__name__ + ': ' + str(exc)\n")

    def answer(request):
        reply = pb.CallReply(call_id=request.call_id)
        reply.error.type, reply.error.module = "TypeError", "builtins"
        reply.error.message = "the C++ callback takes 1 argument (2 given)"
        return reply

    side = run_call(lane, callback_call(5, "catching.call", 2, 1, 2), answer)
    assert side.reply.result.str_value == "TypeError: the C++ callback takes 1 argument (2 given)"
    assert side.reply.result.str_value.startswith("TypeError")


def test_a_cancel_ends_the_wait(lane):
    def answer(request):
        cancel = pb.Frame()
        cancel.cancel.call_id = 6
        sides[0].host.sendall(framed(cancel))
        return None  # never answered

    sides = []
    host, connection, reader = lane.connect()
    side = Host(host, reader, answer)
    sides.append(side)
    side.start()
    lane.send(host, connection, callback_call(6, "operator.call", 1))
    side.join(10)
    assert side.reply.fault.code == pb.BridgeFault.CANCELLED


def test_outside_a_call_it_cannot_be_called(lane):
    callback = lane.dispatcher.codec.decode(pb.Value(callback=pb.CallbackRef(id=4)))
    assert isinstance(callback, HostCallable) and callback == HostCallable(4, None)
    with pytest.raises(CallbackUnavailable, match="only by the call it was passed to"):
        callback(1)
    with pytest.raises(TypeError, match="by position, not by keyword"):
        callback(x=1)
    assert issubclass(CallbackError, Exception)
