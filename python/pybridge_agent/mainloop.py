"""The worker's main thread: fast-lane connections and work handed over by gRPC threads.

Calls run here, one at a time (the GIL allows no more), so signal handlers can interrupt them
(see cancellation.py). The fast lane is a Unix socket carrying length-prefixed Frames: the
host's hot path, with no HTTP/2 and no thread hand-off between reading a request and running it.

Streams run here too, a step at a time (streams.py): between steps the loop serves every
other connection and task, so no stream, however slow its consumer, holds the worker.

A call that calls a host callback (callbacks.py) waits for the host's answer in a nested run
of this loop (call_host): meanwhile the worker serves other calls — the callback's own calls
back into Python among them — which run inside the waiting call, as on a stack.

What a frame means is the core's (core.py), whichever transport brought it: this loop reads
the fast lane's connections (fast_lane.py) and runs what gRPC's threads submit
(grpc_service.py); a natively decoded plain call and a callback's answer, both fast-lane
only, are handled here.
"""

import functools
import itertools
import os
import queue
import select
import socket
import threading

from . import wire
from .callbacks import CallbackUnavailable, HostCallable, raise_answer
from .cancellation import CallCancelled, CallTimedOut
from .core import Core
from .fast_lane import Connection
from .framing import FrameTooLarge, Trailer
from .log import RateLimited
from .wire import pb

_READ = select.POLLIN
_READ_WRITE = select.POLLIN | select.POLLOUT


class MainLoop:
    def __init__(self, dispatcher, max_frame, native=wire.native):
        """`native`: the agent's native module (wire.py), which decodes plain calls and encodes
        scalar replies fast; None does everything with protobuf's Python API."""
        self._dispatcher = dispatcher
        self.core = Core(dispatcher, self)
        self._max_frame = max_frame
        self._native = native
        # poll() straight, not selectors: this loop is on every call's path.
        self._poll = select.poll()
        self._handlers = {}  # fd -> what to run with the poll events
        self._tasks = queue.SimpleQueue()
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._watch(self._wake_r, self._run_tasks)
        self._connection_ids = itertools.count(1)
        self._current = None  # the connection whose call runs now
        self._call_of_current = None  # (call id, session id) of that call
        self._streams = []  # (StreamTask, connection or None, on_step, on_done)
        self._stepping = set()  # ids of the StreamTasks stepping now (nested: not again)
        self._serves = 0  # runs of _serve_once so far
        self._stopping = False
        self._callback_ids = itertools.count(1)
        self._answers = {}  # callback request id -> its CallReply, None until it arrives
        self._main = threading.get_ident()
        dispatcher.codec.call_host = self.call_host
        if native is not None:  # plain calls passing host callables stay on the fast path
            native.set_callback_factory(functools.partial(HostCallable, call_host=self.call_host))

    # -- set-up -----------------------------------------------------------------------------

    def listen(self, path):
        """Serves the fast lane on a Unix socket only this user can open."""
        if os.path.exists(path):
            os.unlink(path)
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old_umask = os.umask(0o177)
        try:
            listener.bind(path)
        finally:
            os.umask(old_umask)
        listener.listen(64)
        listener.setblocking(False)
        self._listener = listener
        self._watch(listener, self._accept)

    def poll_cancels(self):
        """Reads Cancel frames that arrived on the running call's connection (other frames
        wait their turn); called from the SIGUSR1 handler."""
        connection = self._current
        if connection is None:
            return ()
        return connection.poll_cancels()

    # -- threads other than main ------------------------------------------------------------

    def submit(self, fn):
        """Runs fn() on the main thread soon (gRPC handlers call this)."""
        self._tasks.put(fn)
        self._wake_w.send(b"\0")

    def stop(self):
        self.submit(self._request_stop)

    # -- streams ----------------------------------------------------------------------------

    def add_stream(self, task, on_step=None, on_done=None, connection=None):
        """Steps `task` (a StreamTask that is not done) from now on; on_step() runs after each
        step, on_done() once it is done (it sends the task's reply). `connection`: the
        fast-lane connection it runs on (cancel polling reads it while the task steps)."""
        self._streams.append((task, connection, on_step, on_done))

    def drop_stream(self, task):
        """Steps `task` no more (its host is gone)."""
        self._streams = [entry for entry in self._streams if entry[0] is not task]

    def _step_streams(self):
        """Steps each stream that can go on; True when one can go on at once."""
        more = False
        for entry in list(self._streams):
            task, connection, on_step, on_done = entry
            if id(task) in self._stepping:  # its step called a host callback
                continue
            if not task.done and task.runnable():
                self._stepping.add(id(task))
                try:
                    self.run_on(connection, (task.call_id, task.session), task.step)
                finally:
                    self._stepping.discard(id(task))
                if on_step is not None:
                    on_step()
            if task.done:  # (also when ended elsewhere: abandoned)
                if entry in self._streams:
                    self._streams.remove(entry)
                if on_done is not None:
                    on_done()
            elif task.runnable():
                more = True
        return more

    # -- the loop ---------------------------------------------------------------------------

    def serve_forever(self):
        while not self._stopping:
            self._serve_once()

    def _serve_once(self):
        """Steps the streams, then handles what the connections and tasks have."""
        handlers = self._handlers
        busy = bool(self._streams) and self._guarded(self._step_streams)
        self._serves += 1
        serves = self._serves
        for fd, events in self._poll.poll(0 if busy else None):
            if self._serves != serves:
                # A handler waited for a callback's answer and served the loop meanwhile: the
                # rest of these events may be read already (a blocking read would hang).
                return
            handler = handlers.get(fd)  # None: closed by an earlier handler of this batch
            if handler is not None:
                try:
                    handler(events)
                except (CallTimedOut, CallCancelled):
                    self._interrupted()
                except Exception:
                    _report_internal_error()

    def _interrupted(self):
        """A timeout or cancel raised outside any call's own code: while a call waits for a
        callback's answer, it is that call's (its wait ends); else an internal error."""
        if self._answers:
            raise
        _report_internal_error()

    def run_on(self, connection, call, fn, *args):
        """fn(*args) as the call `call` ((call id, session id)) on `connection` (None: not
        from the fast lane), whose host callbacks go there."""
        saved = self._current, self._call_of_current
        self._current, self._call_of_current = connection, call
        try:
            return fn(*args)
        finally:
            self._current, self._call_of_current = saved

    # -- host callbacks ---------------------------------------------------------------------

    def call_host(self, callback_id, args):
        """Calls host callable `callback_id` with `args` (a tuple) and returns its result:
        sends a CallbackRequest on the running call's connection and serves the worker until
        the answer comes (the host's nested calls included). The running call's timeout and
        cancel end the wait."""
        connection, call = self._current, self._call_of_current
        if threading.get_ident() != self._main or call is None:
            raise CallbackUnavailable(
                "a C++ callback can be called only by the call it was passed to or a later "
                "call from the host, on the worker's main thread")
        if connection is None:
            raise CallbackUnavailable("C++ callbacks are not supported on remote (gRPC) "
                                      "workers; use local workers")
        request_id = next(self._callback_ids)
        codec = self._dispatcher.codec
        self._send_callback(connection, request_id, callback_id, tuple(args), call[1])
        self._update_interest(connection)
        self._answers[request_id] = None
        try:
            reply, attached = self._wait_for_answer(connection, call, request_id)
        finally:
            self._answers.pop(request_id, None)
        return raise_answer(reply, lambda value: codec.decode(value, attached))

    def _send_callback(self, connection, request_id, callback_id, args, session_id):
        """Sends the CallbackRequest: natively encoded when its arguments are scalars."""
        data = None
        if self._native is not None:
            data = self._native.encode_callback(request_id, callback_id, args, self._max_frame)
        if data is not None:
            try:
                connection.send_bytes(data)
            except OSError:
                raise CallCancelled("the host went away") from None
            return
        frame = pb.Frame()
        request = frame.callback
        request.call_id = request_id
        request.callback_id = callback_id
        trailer = Trailer()
        self._dispatcher.codec.encode_into(args, session_id, request.args, request.new_objects,
                                           trailer=trailer)
        try:
            connection.send(frame, trailer)
        except OSError:
            self._dispatcher.release(request.new_objects)
            raise CallCancelled("the host went away") from None

    def _wait_for_answer(self, connection, call, request_id):
        interrupter = self._dispatcher.interrupter
        key = (connection.id, call[0])
        while self._answers[request_id] is None:
            if connection.closed:
                raise CallCancelled("the host went away")
            if interrupter.consume_cancel(key, poll=False):
                raise CallCancelled("the call was cancelled by the host")
            self._serve_once()
            self._handle_pending(connection)  # read by cancel polling meanwhile
        return self._answers[request_id]

    def _guarded(self, fn):
        try:
            return fn()
        except (CallTimedOut, CallCancelled):
            self._interrupted()
        except Exception:
            _report_internal_error()
        return False

    def _watch(self, sock, handler):
        self._poll.register(sock, _READ)
        self._handlers[sock.fileno()] = handler

    def _unwatch(self, sock):
        self._poll.unregister(sock)
        del self._handlers[sock.fileno()]

    def _request_stop(self):
        self._stopping = True

    def _run_tasks(self, events=0):
        try:
            self._wake_r.recv(4096)
        except BlockingIOError:
            pass
        while True:
            try:
                task = self._tasks.get_nowait()
            except queue.Empty:
                return
            try:
                self.run_on(None, None, task)  # (gRPC: no fast-lane connection)
            except (Exception, CallTimedOut, CallCancelled):
                _report_internal_error()

    def _accept(self, events=0):
        try:
            sock, _ = self._listener.accept()
        except BlockingIOError:
            return
        sock.setblocking(True)
        connection = self._connect(sock)
        self._watch(sock, functools.partial(self._ready, connection))

    def _connect(self, sock):
        native = self._native
        return Connection(self, next(self._connection_ids), sock, self._max_frame,
                          native.parse_call if native else None,
                          native.encode_item if native else None)

    def _ready(self, connection, events):
        if events & select.POLLOUT:
            try:
                connection.flush()
            except OSError:
                self._close(connection)
                return
            self._update_interest(connection)
        if not events & ~select.POLLOUT:
            return
        try:
            open_ = connection.reader.fill()
            frames = connection.take()
        except FrameTooLarge as exc:
            _log_bad_frame(f"pybridge_agent: closing a connection: {exc}")
            open_, frames = False, []
        except OSError:
            open_, frames = False, []
        self._handle_all(connection, frames)
        if not open_:
            self._close(connection)

    def _close(self, connection):
        if connection.closed:
            return
        connection.closed = True
        self._unwatch(connection.sock)
        self.core.abandon(connection)
        self._dispatcher.release(connection.drop_outbox())
        connection.reader.close()
        connection.sock.close()

    def _update_interest(self, connection):
        """Watches for room to write while the connection has bytes waiting to be sent."""
        want = bool(connection.outbox)
        if want != connection.watching_writes and not connection.closed:
            self._poll.modify(connection.sock, _READ_WRITE if want else _READ)
            connection.watching_writes = want

    def _handle_all(self, connection, frames):
        # A call whose Cancel arrived with it waited in the socket past its host-side timeout:
        # answer it cancelled without running it.
        cancelled = {f.cancel.call_id for f, _ in frames
                     if type(f) is not tuple and f.WhichOneof("kind") == "cancel"}
        for frame, trailer in frames:
            if connection.streams and _call_id(frame) is not None:
                # The host sends no call before the stream's reply: keep it for then.
                connection.deferred.append((frame, trailer))
            elif cancelled and _call_id(frame) in cancelled:
                self.core.skip(connection, _call_id(frame))
            else:
                self._handle(connection, frame, trailer)

    def _handle(self, connection, frame, trailer):
        if type(frame) is tuple:
            if len(frame) == 2:  # a plain answer to a callback: (request id, result)
                if self._answers.get(frame[0], 0) is None:
                    self._answers[frame[0]] = frame, None  # (no arrays attached)
            else:
                self._plain_call(connection, frame)
            return
        if frame.WhichOneof("kind") == "reply":  # the host's answer to a callback (call_host)
            if self._answers.get(frame.reply.call_id, 0) is None:  # with its arrays' data
                self._answers[frame.reply.call_id] = frame.reply, trailer
        elif not self.core.handle(connection, frame, trailer) and self._answers:
            # A Cancel for no stream: a call waiting for a callback's answer ends its wait.
            # (For a call that is not running any more, it has nothing left to do.)
            self._dispatcher.interrupter.note_cancel((connection.id, frame.cancel.call_id))

    def _stream_stepped(self, connection):
        self._update_interest(connection)
        self._handle_pending(connection)  # read by cancel polling: credits, releases

    def _stream_ended(self, connection):
        if connection.deferred:
            deferred, connection.deferred = connection.deferred, []
            self._handle_all(connection, deferred)

    def _plain_call(self, connection, call):
        """A call FrameReader decoded natively (FrameReader.parse_plain)."""
        call_id, session_id, target, args, kwargs = call
        key = (connection.id, call_id)
        saved = self._current, self._call_of_current  # (as run_on, inline on the hot path)
        self._current, self._call_of_current = connection, (call_id, session_id)
        try:
            result, error = self._dispatcher.run_plain(target, args, kwargs, key)
            data = None
            if error is None:
                data = self._native.encode_reply(call_id, result, self._max_frame)
            if data is None:  # not a scalar result, or a failure: the general way
                frame = pb.Frame()
                reply = frame.reply
                reply.call_id = call_id
                trailer = Trailer()
                if error is None:
                    self._dispatcher.encode_result(result, session_id, reply, trailer, key)
                else:
                    self._dispatcher.fail(reply, error)
        finally:
            self._current, self._call_of_current = saved
        if data is None:
            self._send_reply(connection, frame, trailer)
            return
        try:
            connection.send_bytes(data)
        except OSError:
            pass  # the host went away; its socket is closed on the next read
        self._handle_pending(connection)

    def _send_reply(self, connection, frame, trailer):
        try:
            try:
                connection.send(frame, trailer)
            except FrameTooLarge as exc:
                reply = frame.reply
                self._dispatcher.release(reply.new_objects)  # the host never sees them
                del reply.new_objects[:]
                reply.ClearField("outcome")
                reply.fault.code = pb.BridgeFault.CONVERSION
                reply.fault.message = str(exc)
                connection.send(frame)
        except OSError:
            pass  # the host went away; its socket is closed on the next read
        self._update_interest(connection)
        self._handle_pending(connection)

    def _handle_pending(self, connection):
        # Frames read while the call ran (by cancel polling) are handled now, in order.
        if connection.pending:
            pending, connection.pending = connection.pending, []
            self._handle_all(connection, pending)


def _call_id(frame):
    """The call id of a call frame (or a plain call FrameReader decoded natively), else None."""
    if type(frame) is tuple:
        return frame[0] if len(frame) == 5 else None
    return frame.call.call_id if frame.WhichOneof("kind") == "call" else None


def _report_internal_error():
    """A failure of the agent's own code outside any call: logged (the first of a burst with
    its traceback), and the worker goes on."""
    import traceback  # (here: it costs start-up time)
    _log_internal_error("pybridge_agent: internal error (the worker goes on):\n" +
                        traceback.format_exc().rstrip())


# Rate-limited: a peer may repeat what causes them at will.
_log_bad_frame = RateLimited()
_log_internal_error = RateLimited()
