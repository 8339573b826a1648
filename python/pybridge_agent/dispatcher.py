"""Runs one CallRequest against Python and produces its CallReply (and stream items)."""

import asyncio
import inspect
import time

from .allowlist import NotAllowed
from .cancellation import CallCancelled, CallTimedOut, Interrupter
from .codec import Codec, ConversionError
from .errors import Fault, exception_to_wire, fault
from .framing import Trailer
from .objects import ObjectLost, ObjectRegistry
from .targets import BadTarget, TargetResolver
from .wire import pb

Op = pb.CallRequest
_CANCEL_POLL_SECONDS = 0.001
# Results of these types skip the (slower) awaitable check.
_NEVER_AWAITABLE = frozenset((type(None), bool, int, float, str, bytes, list, tuple, dict))


class Dispatcher:
    """Owns the worker's objects; every call runs on the main thread, one at a time."""

    def __init__(self, allowlist, interrupter=None):
        self.registry = ObjectRegistry()
        self.codec = Codec(self.registry)
        self.allowlist = allowlist
        self.targets = TargetResolver(allowlist)
        self.interrupter = interrupter or Interrupter()
        self.calls_served = 0
        self._loop = None
        self._hashes = {}

    def run(self, request, send_item, key=None):
        """Executes `request` and returns its CallReply; `send_item(pb.StreamItem)` carries
        stream items to the host (see run_into)."""
        reply = pb.CallReply()
        send_frame = None if send_item is None else lambda frame, _: send_item(frame.item)
        self.run_into(request, reply, send_frame, key)
        return reply

    def run_into(self, request, reply, send_frame, key=None, trailer=None, reply_trailer=None):
        """Executes `request`, filling `reply` (a pb.CallReply; the fast lane passes the one
        inside the Frame it sends, so nothing is copied). Stream items go out as
        `send_frame(pb.Frame, trailer)`.

        `key` names the call for cancellation: call ids are unique per connection only.
        On the fast lane, `trailer` holds the request's large array data and `reply_trailer`
        (a framing.Trailer) collects the reply's; stream items get trailers of their own."""
        if key is None:
            key = request.call_id
        self.calls_served += 1
        reply.call_id = request.call_id
        timeout = request.timeout_seconds
        deadline = time.monotonic() + timeout if timeout > 0 else None
        try:
            self._run(request, key, deadline, send_frame, reply, trailer, reply_trailer)
        except BaseException as exc:  # user code: SystemExit and KeyboardInterrupt included
            self.fail(reply, exc, timeout)
        finally:
            self.interrupter.forget(key)

    def run_plain(self, target, args, kwargs, key):
        """Runs a plain call the fast lane decoded natively (op CALL on `target`, no self, no
        timeout, no handle wanted): returns (result, None), or (None, exc) when it failed
        (fail() turns exc into the reply). `key` is as for run_into."""
        self.calls_served += 1
        try:
            return self._invoke(key, None, self.targets.resolve(target), args, kwargs), None
        except BaseException as exc:  # as in run_into
            return None, exc
        finally:
            self.interrupter.forget(key)

    def encode_result(self, result, session_id, reply, reply_trailer=None):
        """Puts a run_plain() result into `reply`, or the failure to convert it."""
        try:
            self.codec.encode_into(result, session_id, reply.result, reply.new_objects,
                                   trailer=reply_trailer)
        except BaseException as exc:
            self.fail(reply, exc, 0)

    def fail(self, reply, exc, timeout=0):
        """Fills `reply` with what `exc`, raised by a call, means for the host."""
        if isinstance(exc, CallCancelled):
            fault(reply, Fault.CANCELLED, str(exc))
        elif isinstance(exc, CallTimedOut):
            fault(reply, Fault.TIMEOUT, f"the call ran past its timeout of {timeout:g} s")
        elif isinstance(exc, (BadTarget, NotAllowed)):
            fault(reply, Fault.NOT_ALLOWED if isinstance(exc, NotAllowed) else Fault.BAD_TARGET,
                  str(exc))
        elif isinstance(exc, ObjectLost):
            fault(reply, Fault.OBJECT_LOST, str(exc))
        elif isinstance(exc, ConversionError):
            fault(reply, Fault.CONVERSION, str(exc))
        else:
            reply.ClearField("outcome")
            exception_to_wire(exc, reply.error)

    def release(self, object_ids):
        self.registry.release(object_ids)

    def close_session(self, session_id):
        self.registry.close_session(session_id)

    def _run(self, request, key, deadline, send_frame, reply, trailer, reply_trailer):
        op = request.op
        if op == Op.GET_ATTR:
            result = self._callee(request)
        elif op == Op.SET_ATTR:
            obj = self.registry.get(request.self_id)
            value = self.codec.decode(request.args[0].value, trailer)
            self._in_user_code(key, deadline, setattr, obj, request.attribute, value)
            reply.result.none.SetInParent()
            return
        elif op == Op.LIBRARY_HASH:
            reply.result.str_value = self._library_hash(request.target)
            return
        else:  # CALL and STREAM
            callee = self._callee(request)
            args, kwargs = self.codec.decode_args(request.args, trailer)
            result = self._invoke(key, deadline, callee, args, kwargs)
        if op == Op.STREAM:
            result = self._stream(key, deadline, result,
                                  self._item_sender(request, send_frame, reply_trailer is not None))
        self.codec.encode_into(result, request.session_id, reply.result, reply.new_objects,
                               as_handle=request.result_as_object, trailer=reply_trailer)

    def _callee(self, request):
        if request.self_id:
            obj = self.registry.get(request.self_id)
            return getattr(obj, request.attribute)
        return self.targets.resolve(request.target)

    def _invoke(self, key, deadline, callee, args, kwargs):
        """Calls callee in user code (interruptible), awaiting an awaitable result."""
        interrupter = self.interrupter
        interrupter.enter(key, deadline)
        try:
            result = callee(*args, **kwargs)
        finally:
            interrupter.leave(deadline)
        if type(result) not in _NEVER_AWAITABLE and inspect.isawaitable(result):
            result = self._in_user_code(key, deadline, self._await, result)
        return result

    def _in_user_code(self, call_id, deadline, fn, *args, **kwargs):
        self.interrupter.enter(call_id, deadline)
        try:
            return fn(*args, **kwargs)
        finally:
            self.interrupter.leave(deadline)

    def _stream(self, key, deadline, iterable, send):
        """Sends each item; returns the generator's return value. Cancels close the generator."""
        if inspect.isasyncgen(iterable):
            return self._stream_async(key, deadline, iterable, send)
        iterator = self._in_user_code(key, deadline, iter, iterable)
        interrupter = self.interrupter
        next_poll = 0.0
        try:
            while True:
                interrupter.enter(key, deadline)  # _in_user_code, inlined: once per item
                try:
                    item = next(iterator)
                except StopIteration as stop:
                    return stop.value
                finally:
                    interrupter.leave(deadline)
                send(item)
                next_poll = self._check_cancel(key, next_poll)
        finally:
            close = getattr(iterator, "close", None)
            if close is not None:
                close()

    def _stream_async(self, key, deadline, agen, send):
        next_poll = 0.0
        try:
            while True:
                try:
                    item = self._in_user_code(key, deadline, self._await, agen.__anext__())
                except StopAsyncIteration:
                    return None
                send(item)
                next_poll = self._check_cancel(key, next_poll)
        finally:
            self._await(agen.aclose())

    def _check_cancel(self, key, next_poll):
        """Raises CallCancelled once the host cancelled the stream. Reading the connection for
        Cancel frames costs a system call, so it happens at most every _CANCEL_POLL_SECONDS;
        returns when to poll next."""
        now = time.monotonic()
        poll = now >= next_poll
        if self.interrupter.consume_cancel(key, poll=poll):
            raise CallCancelled("the stream was cancelled by the host")
        return now + _CANCEL_POLL_SECONDS if poll else next_poll

    def _item_sender(self, request, send_frame, fast_lane):
        """send(item): one StreamItem frame (with a trailer of its own on the fast lane)."""
        call_id, session_id, encode = request.call_id, request.session_id, self.codec.encode_into

        def send(item):
            frame = pb.Frame()
            out = frame.item
            out.call_id = call_id
            trailer = Trailer() if fast_lane else None
            encode(item, session_id, out.item, out.new_objects, trailer=trailer)
            try:
                send_frame(frame, trailer)
            except BaseException:
                self.registry.release(out.new_objects)  # the host never sees them
                raise
        return send

    def _await(self, awaitable):
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
        return self._loop.run_until_complete(awaitable)

    def _library_hash(self, module):
        if module not in self._hashes:
            from .describe import build_descriptor
            self._hashes[module] = build_descriptor(
                module, allowlist=list(self.allowlist) or None)["hash"]
        return self._hashes[module]
