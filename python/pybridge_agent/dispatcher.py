"""Runs one CallRequest against Python and produces its CallReply (and stream items)."""

import asyncio
import inspect
import time

from .allowlist import NotAllowed
from .cancellation import CallCancelled, CallTimedOut, Interrupter
from .codec import Codec, ConversionError
from .errors import Fault, exception_to_wire, fault
from .objects import ObjectLost, ObjectRegistry
from .targets import BadTarget, TargetResolver
from .wire import pb

Op = pb.CallRequest


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
        """Executes `request`; `send_item(pb.StreamItem)` carries stream items to the host.

        `key` names the call for cancellation: call ids are unique per connection only."""
        key = request.call_id if key is None else key
        self.calls_served += 1
        reply = pb.CallReply(call_id=request.call_id)
        deadline = (time.monotonic() + request.timeout_seconds
                    if request.timeout_seconds > 0 else None)
        try:
            self._run(request, key, deadline, send_item, reply)
        except CallCancelled as exc:
            fault(reply, Fault.CANCELLED, str(exc))
        except CallTimedOut:
            fault(reply, Fault.TIMEOUT,
                  f"the call ran past its timeout of {request.timeout_seconds:g} s")
        except (BadTarget, NotAllowed) as exc:
            fault(reply, Fault.NOT_ALLOWED if isinstance(exc, NotAllowed) else Fault.BAD_TARGET,
                  str(exc))
        except ObjectLost as exc:
            fault(reply, Fault.OBJECT_LOST, str(exc))
        except ConversionError as exc:
            fault(reply, Fault.CONVERSION, str(exc))
        except BaseException as exc:  # user code: SystemExit and KeyboardInterrupt included
            reply.ClearField("outcome")
            exception_to_wire(exc, reply.error)
        finally:
            self.interrupter.forget(key)
        return reply

    def release(self, object_ids):
        self.registry.release(object_ids)

    def close_session(self, session_id):
        self.registry.close_session(session_id)

    def _run(self, request, key, deadline, send_item, reply):
        op = request.op
        if op == Op.LIBRARY_HASH:
            reply.result.str_value = self._library_hash(request.target)
            return
        if op == Op.SET_ATTR:
            obj = self.registry.get(request.self_id)
            value = self.codec.decode(request.args[0].value)
            self._in_user_code(key, deadline, setattr, obj, request.attribute, value)
            reply.result.none.SetInParent()
            return
        callee = self._callee(request)
        if op == Op.GET_ATTR:
            result = callee
        else:
            args, kwargs = self.codec.decode_args(request.args)
            result = self._in_user_code(key, deadline, callee, *args, **kwargs)
            if inspect.isawaitable(result):
                result = self._in_user_code(key, deadline, self._await, result)
        if op == Op.STREAM:
            result = self._stream(request, key, deadline, result, send_item)
        self.codec.encode_into(result, request.session_id, reply.result, reply.new_objects,
                               as_handle=request.result_as_object)

    def _callee(self, request):
        if request.self_id:
            obj = self.registry.get(request.self_id)
            return getattr(obj, request.attribute)
        return self.targets.resolve(request.target)

    def _in_user_code(self, call_id, deadline, fn, *args, **kwargs):
        self.interrupter.enter(call_id, deadline)
        try:
            return fn(*args, **kwargs)
        finally:
            self.interrupter.leave(deadline)

    def _stream(self, request, key, deadline, iterable, send_item):
        """Sends each item; returns the generator's return value. Cancels close the generator."""
        if inspect.isasyncgen(iterable):
            return self._stream_async(request, key, deadline, iterable, send_item)
        iterator = self._in_user_code(key, deadline, iter, iterable)
        try:
            while True:
                try:
                    item = self._in_user_code(key, deadline, next, iterator)
                except StopIteration as stop:
                    return stop.value
                self._send_item(request, item, send_item)
                if self.interrupter.consume_cancel(key):
                    raise CallCancelled("the stream was cancelled by the host")
        finally:
            close = getattr(iterator, "close", None)
            if close is not None:
                close()

    def _stream_async(self, request, key, deadline, agen, send_item):
        try:
            while True:
                try:
                    item = self._in_user_code(key, deadline, self._await, agen.__anext__())
                except StopAsyncIteration:
                    return None
                self._send_item(request, item, send_item)
                if self.interrupter.consume_cancel(key):
                    raise CallCancelled("the stream was cancelled by the host")
        finally:
            self._await(agen.aclose())

    def _send_item(self, request, item, send_item):
        frame_item = pb.StreamItem(call_id=request.call_id)
        self.codec.encode_into(item, request.session_id, frame_item.item, frame_item.new_objects)
        try:
            send_item(frame_item)
        except BaseException:
            self.registry.release(frame_item.new_objects)  # the host never sees them
            raise

    def _await(self, awaitable):
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
        return self._loop.run_until_complete(awaitable)

    def _library_hash(self, module):
        if module not in self._hashes:
            from .describe import build_descriptor
            self._hashes[module] = build_descriptor(
                module, allowlist=self.allowlist.as_list())["hash"]
        return self._hashes[module]
