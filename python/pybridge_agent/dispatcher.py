"""Runs one CallRequest against Python and produces its CallReply (streams: a StreamTask)."""

import os
import sys
import time

from .allowlist import NotAllowed
from .cancellation import CallCancelled, CallTimedOut, Interrupter
from .codec import Codec, ConversionError, MalformedValue
from .errors import Fault, exception_to_wire, fault
from .framing import FrameTooLarge
from .objects import (ObjectLost, ObjectRegistry, TooManyObjects, export_object,
                      import_object)
from .protocols import syntax_for
from .streams import StreamTask
from .targets import BadTarget, TargetResolver
from .wire import pb

Op = pb.CallRequest
# Results of these types skip the (slower) awaitable check.
_NEVER_AWAITABLE = frozenset((type(None), bool, int, float, str, bytes, list, tuple, dict))


class Dispatcher:
    """Owns the worker's objects; every call runs on the main thread, one at a time.

    Everything a call runs of user code — importing its module, walking to the target,
    property getters, the call, the result's conversion, the exception's `__str__` — runs
    between the Interrupter's enter() and leave(), so its timeout and the host's cancel reach
    it wherever it is."""

    def __init__(self, allowlist, interrupter=None, max_objects=0):
        self.registry = ObjectRegistry(max_objects)
        self.codec = Codec(self.registry,
                           check_handle=allowlist.check_handle if allowlist.active else None)
        self.allowlist = allowlist
        self.targets = TargetResolver(allowlist)
        self.interrupter = interrupter or Interrupter()
        self.calls_served = 0
        self._loop = None
        self._hashes = {}

    def run(self, request, key=None, session=None):
        """Executes a call that is not a stream and returns its CallReply."""
        reply = pb.CallReply()
        self.run_into(request, reply, key, session=session)
        return reply

    def run_into(self, request, reply, key=None, trailer=None, reply_trailer=None, session=None):
        """Executes `request` (not a STREAM: see start_stream), filling `reply` (a
        pb.CallReply; the fast lane passes the one inside the Frame it sends, so nothing is
        copied).

        `key` names the call for cancellation: call ids are unique per connection only.
        `session` is the registry's session key (default: the request's session id). On the
        fast lane, `trailer` holds the request's large array data and `reply_trailer` (a
        framing.Trailer) collects the reply's."""
        if key is None:
            key = request.call_id
        if session is None:
            session = request.session_id
        self.calls_served += 1
        reply.call_id = request.call_id
        timeout = request.timeout_seconds
        deadline = time.monotonic() + timeout if timeout > 0 else None
        interrupter = self.interrupter
        try:
            interrupter.enter(key, deadline)
            try:
                try:
                    self._run(request, session, trailer, reply, reply_trailer)
                except BaseException as exc:  # user code: SystemExit, KeyboardInterrupt too
                    self.fail(reply, exc, timeout)  # (its __str__ is user code as well)
            finally:
                interrupter.leave(deadline)
        except BaseException as exc:  # the time was up before the call started, or as it ended
            self.fail(reply, exc, timeout)
        finally:
            interrupter.forget(key)

    def start_stream(self, request, key, sink, trailer=None, session=None, fast_lane=False):
        """Starts a STREAM call: returns its StreamTask, `done` at once when the call failed
        before its first item. The caller steps it (the main loop) and sends its `frame`."""
        if session is None:
            session = request.session_id
        self.calls_served += 1
        timeout = request.timeout_seconds
        deadline = time.monotonic() + timeout if timeout > 0 else None
        task = StreamTask(self, request, key, session, deadline, sink, fast_lane)
        interrupter = self.interrupter
        try:
            interrupter.enter(key, deadline)
            try:
                callee = self._callee(request)
                args, kwargs = self.codec.decode_args(request.args, trailer)
                task.iterate(self._call(callee, args, kwargs))
            finally:
                interrupter.leave(deadline)
        except BaseException as exc:  # as in run_into
            task.done = True
            self.fail(task.frame.reply, exc, timeout)
            interrupter.forget(key)
        return task

    def run_plain(self, target, args, kwargs, key):
        """Runs a plain call the fast lane decoded natively (op CALL on `target`, no self, no
        timeout, no handle wanted): returns (result, None), or (None, exc) when it failed
        (fail() turns exc into the reply). `key` is as for run_into."""
        self.calls_served += 1
        interrupter = self.interrupter
        try:
            interrupter.enter(key, None)
            try:
                return self._call(self.targets.resolve(target), args, kwargs), None
            finally:
                interrupter.leave(None)
        except BaseException as exc:  # as in run_into
            return None, exc
        finally:
            interrupter.forget(key)

    def encode_result(self, result, session_id, reply, reply_trailer=None, key=None):
        """Puts a run_plain() result into `reply`, or the failure to convert it."""
        interrupter = self.interrupter
        try:
            interrupter.enter(key, None)
            try:
                self.codec.encode_into(result, session_id, reply.result, reply.new_objects,
                                       trailer=reply_trailer)
            finally:
                interrupter.leave(None)
        except BaseException as exc:
            self.fail(reply, exc, 0)
        finally:
            interrupter.forget(key)

    def fail(self, reply, exc, timeout=0):
        """Fills `reply` with what `exc`, raised by a call, means for the host. Objects the
        reply registered are released: it no longer carries them. Never raises."""
        try:
            if reply.new_objects:
                self.registry.release(reply.new_objects)
                del reply.new_objects[:]
            reply.ClearField("outcome")
            self._fail(reply, exc, timeout)
        except (CallTimedOut, CallCancelled) as late:  # the time ran out while reporting
            reply.ClearField("outcome")
            self._fail(reply, late, timeout)
        except BaseException as error:  # noqa: B036 - the worker must answer whatever happens
            reply.ClearField("outcome")
            fault(reply, Fault.UNKNOWN, f"the call raised {type(exc).__qualname__}, which "
                  f"could not be reported ({type(error).__qualname__} while reporting it)")

    def _fail(self, reply, exc, timeout):
        if isinstance(exc, CallCancelled):
            fault(reply, Fault.CANCELLED, str(exc))
        elif isinstance(exc, CallTimedOut):
            fault(reply, Fault.TIMEOUT, f"the call ran past its timeout of {timeout:g} s")
        elif isinstance(exc, NotAllowed):
            fault(reply, Fault.NOT_ALLOWED, str(exc))
        elif isinstance(exc, BadTarget):
            fault(reply, Fault.BAD_TARGET, str(exc))
        elif isinstance(exc, ObjectLost):
            fault(reply, Fault.OBJECT_LOST, str(exc))
        elif isinstance(exc, TooManyObjects):
            fault(reply, Fault.LIMIT, str(exc))
        elif isinstance(exc, MalformedValue):
            fault(reply, Fault.PROTOCOL, f"the worker could not read the call: {exc}")
        elif isinstance(exc, (ConversionError, FrameTooLarge)):
            fault(reply, Fault.CONVERSION, str(exc))
        else:
            exception_to_wire(exc, reply.error)

    def release(self, object_ids):
        self.registry.release(object_ids)

    def close_session(self, session_id):
        self.registry.close_session(session_id)

    def await_result(self, awaitable):
        """Runs an awaitable to its end on the worker's event loop."""
        if self._loop is None:
            import asyncio  # (here: most workers never await, and it costs start-up time)
            self._loop = asyncio.new_event_loop()
        return self._loop.run_until_complete(awaitable)

    # -- inside the interrupter -------------------------------------------------------------

    def _health(self, health):
        health.pid = os.getpid()
        health.python_version = sys.version.split()[0]
        health.calls_served = self.calls_served
        health.objects_held = len(self.registry)
        health.rss_bytes = _rss_bytes()

    def _run(self, request, session, trailer, reply, reply_trailer):
        op = request.op
        if op == Op.SET_ATTR:
            obj = self.registry.get(request.self_id)
            self.allowlist.check_name(request.attribute, _member_path(obj, request.attribute))
            setattr(obj, request.attribute, self.codec.decode(request.args[0].value, trailer))
            reply.result.none.SetInParent()
            return
        if op == Op.HEALTH:
            self.calls_served -= 1  # a heartbeat is not a call
            self._health(reply.health)
            return
        if op == Op.LIBRARY_HASH:
            reply.result.str_value = self._library_hash(request.target)
            return
        if op == Op.STREAM:
            raise BadTarget("a stream call needs a connection that carries stream items")
        if op == Op.EXPORT:
            moving = bool(request.args) and request.args[0].value.bool_value
            exported = export_object(self.registry, request.self_id, moving)
            if isinstance(exported, str):
                reply.result.str_value = exported  # why it cannot move
            else:
                reply.result.bytes_value = exported
            return
        if op == Op.IMPORT:
            if len(request.args) != 1 or request.args[0].value.WhichOneof("kind") != "bytes_value":
                raise MalformedValue("an IMPORT without the bytes an EXPORT made")
            obj = import_object(request.args[0].value.bytes_value, self.allowlist)
            self.codec.encode_into(obj, session, reply.result, reply.new_objects, as_handle=True)
            return
        callee = self._callee(request)
        if op == Op.GET_ATTR:
            result = callee
        else:
            args, kwargs = self.codec.decode_args(request.args, trailer)
            result = self._call(callee, args, kwargs)
        self.codec.encode_into(result, session, reply.result, reply.new_objects,
                               as_handle=request.result_as_object, trailer=reply_trailer)

    def _callee(self, request):
        if not request.self_id:
            return self.targets.resolve(request.target)
        obj = self.registry.get(request.self_id)
        # An object's attributes are names like a path's: checked, and so is what they reach.
        path = _member_path(obj, request.attribute) if self.allowlist.active else None
        if path is not None:
            self.allowlist.check_name(request.attribute, path)
        if request.op != Op.GET_ATTR:  # a protocol's dunder runs as the syntax: len(obj)
            syntax = syntax_for(obj, request.attribute)
            if syntax is not None:
                return syntax
        if path is None:
            return getattr(obj, request.attribute)
        member = getattr(obj, request.attribute)
        self.allowlist.check_object(member, path, True)
        return member

    def _call(self, callee, args, kwargs):
        """Calls callee, awaiting an awaitable result."""
        result = callee(*args, **kwargs)
        if type(result) not in _NEVER_AWAITABLE and _isawaitable(result):
            result = self.await_result(result)
        return result

    def _library_hash(self, module):
        """The library fingerprint of `module` (fingerprint.py): from its files, without
        importing or describing it; once per top-level package."""
        top = module.partition(".")[0]
        if top not in self._hashes:
            from .fingerprint import library_fingerprint
            if not self.allowlist.admits_library(module):
                self.allowlist.check(module)  # raises the worker's own NotAllowed
            try:
                self._hashes[top] = library_fingerprint(top)
            except ModuleNotFoundError as exc:
                raise BadTarget(str(exc)) from None
        return self._hashes[top]


def _isawaitable(obj):
    import inspect  # (here: it costs start-up time, and most results skip it)
    return inspect.isawaitable(obj)


def _member_path(obj, attribute):
    """How an attribute of an object reads in messages: "<fractions.Fraction object>.limit"."""
    cls = type(obj)
    return f"<{getattr(cls, '__module__', '?')}.{getattr(cls, '__qualname__', '?')} object>." \
           f"{attribute}"


def _rss_bytes():
    """The worker's resident memory (Linux), 0 when unknown."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0
