"""The worker's main thread: fast-lane connections and work handed over by gRPC threads.

Calls run here, one at a time (the GIL allows no more), so signal handlers can interrupt them
(see cancellation.py). The fast lane is a Unix socket carrying length-prefixed Frames: the
host's hot path, with no HTTP/2 and no thread hand-off between reading a request and running it.
"""

import functools
import itertools
import os
import queue
import select
import socket

from . import wire
from .framing import FrameReader, FrameTooLarge, Trailer, write_frame
from .wire import pb


class MainLoop:
    def __init__(self, dispatcher, max_frame, native=wire.native):
        """`native`: the agent's native module (wire.py), which decodes plain calls and encodes
        scalar replies fast; None does everything with protobuf's Python API."""
        self._dispatcher = dispatcher
        self._max_frame = max_frame
        self._native = native
        # poll() straight, not selectors: this loop is on every call's path.
        self._poll = select.poll()
        self._handlers = {}  # fd -> what to run when it is readable
        self._tasks = queue.SimpleQueue()
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._watch(self._wake_r, self._run_tasks)
        self._connection_ids = itertools.count(1)
        self._current = None  # the connection whose call runs now
        self._stopping = False

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
        wait their turn); called from the SIGUSR1 handler and between stream items."""
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

    # -- the loop ---------------------------------------------------------------------------

    def serve_forever(self):
        poll, handlers = self._poll.poll, self._handlers
        while not self._stopping:
            for fd, _ in poll():
                handler = handlers.get(fd)  # None: closed by an earlier handler of this batch
                if handler is not None:
                    handler()

    def _watch(self, sock, handler):
        self._poll.register(sock, select.POLLIN)
        self._handlers[sock.fileno()] = handler

    def _unwatch(self, sock):
        self._poll.unregister(sock)
        del self._handlers[sock.fileno()]

    def _request_stop(self):
        self._stopping = True

    def _run_tasks(self):
        try:
            self._wake_r.recv(4096)
        except BlockingIOError:
            pass
        while True:
            try:
                task = self._tasks.get_nowait()
            except queue.Empty:
                return
            task()

    def _accept(self):
        try:
            sock, _ = self._listener.accept()
        except BlockingIOError:
            return
        sock.setblocking(True)
        connection = _Connection(next(self._connection_ids), sock, self._max_frame,
                                 self._native.parse_call if self._native else None)
        self._watch(sock, functools.partial(self._readable, connection))

    def _readable(self, connection):
        try:
            open_ = connection.reader.fill()
            frames = connection.take()
        except (OSError, FrameTooLarge):
            open_, frames = False, []
        self._handle_all(connection, frames)
        if not open_:
            self._unwatch(connection.sock)
            connection.sock.close()

    def _handle_all(self, connection, frames):
        # A call whose Cancel arrived with it waited in the socket past its host-side timeout:
        # answer it cancelled without running it.
        cancelled = {f.cancel.call_id for f, _ in frames
                     if type(f) is not tuple and f.WhichOneof("kind") == "cancel"}
        for frame, trailer in frames:
            if cancelled and _call_id(frame) in cancelled:
                self._skip(connection, _call_id(frame))
            else:
                self._handle(connection, frame, trailer)

    def _skip(self, connection, call_id):
        reply = pb.CallReply(call_id=call_id)
        reply.fault.code = pb.BridgeFault.CANCELLED
        reply.fault.message = "the call was cancelled before it started"
        try:
            connection.send(pb.Frame(reply=reply))
        except OSError:
            pass

    def _handle(self, connection, frame, trailer):
        if type(frame) is tuple:
            self._plain_call(connection, frame)
            return
        kind = frame.WhichOneof("kind")
        if kind == "call":
            self._call(connection, frame.call, trailer)
        elif kind == "release":
            self._dispatcher.release(frame.release.object_ids)
        elif kind == "close_session":
            self._dispatcher.close_session(frame.close_session.session_id)
        # A Cancel for a call that is not running any more has nothing left to do.

    def _call(self, connection, request, trailer):
        frame = pb.Frame()
        reply = frame.reply  # filled in place: no copy into a Frame afterwards
        reply_trailer = Trailer()
        self._current = connection
        try:
            self._dispatcher.run_into(request, reply, connection.send,
                                      (connection.id, request.call_id), trailer, reply_trailer)
        finally:
            self._current = None
        self._send_reply(connection, frame, reply_trailer)

    def _plain_call(self, connection, call):
        """A call FrameReader decoded natively (FrameReader.parse_plain)."""
        call_id, session_id, target, args, kwargs = call
        self._current = connection
        try:
            result, error = self._dispatcher.run_plain(
                target, args, kwargs, (connection.id, call_id))
        finally:
            self._current = None
        data = None
        if error is None:
            data = self._native.encode_reply(call_id, result, self._max_frame)
        if data is None:  # not a scalar result, or a failure: the general way
            frame = pb.Frame()
            reply = frame.reply
            reply.call_id = call_id
            trailer = Trailer()
            if error is None:
                self._dispatcher.encode_result(result, session_id, reply, trailer)
            else:
                self._dispatcher.fail(reply, error)
            self._send_reply(connection, frame, trailer)
            return
        try:
            connection.sock.sendall(data)
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
        self._handle_pending(connection)

    def _handle_pending(self, connection):
        # Frames read while the call ran (by cancel polling) are handled now, in order.
        if connection.pending:
            pending, connection.pending = connection.pending, []
            self._handle_all(connection, pending)


def _call_id(frame):
    """The call id of a call frame (or a plain call FrameReader decoded natively), else None."""
    if type(frame) is tuple:
        return frame[0]
    return frame.call.call_id if frame.WhichOneof("kind") == "call" else None


class _Connection:
    def __init__(self, connection_id, sock, max_frame, parse_plain):
        self.id = connection_id
        self.sock = sock
        self.reader = FrameReader(sock, max_frame, parse_plain)
        self.pending = []  # (frame, trailer) pairs read while a call ran
        self._max_frame = max_frame

    def take(self):
        if not self.pending:
            return self.reader.take()
        frames = self.pending + self.reader.take()
        self.pending = []
        return frames

    def send(self, frame, trailer=None):
        write_frame(self.sock, frame, self._max_frame, trailer)

    def poll_cancels(self):
        cancelled = []
        try:
            while select.select([self.sock], [], [], 0)[0] and self.reader.fill():
                pass
        except (OSError, FrameTooLarge):
            pass  # the next regular read reports a broken connection
        for frame, trailer in self.reader.take():
            if type(frame) is not tuple and frame.WhichOneof("kind") == "cancel":
                cancelled.append((self.id, frame.cancel.call_id))
            else:
                self.pending.append((frame, trailer))
        return cancelled
