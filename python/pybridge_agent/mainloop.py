"""The worker's main thread: fast-lane connections and work handed over by gRPC threads.

Calls run here, one at a time (the GIL allows no more), so signal handlers can interrupt them
(see cancellation.py). The fast lane is a Unix socket carrying length-prefixed Frames: the
host's hot path, with no HTTP/2 and no thread hand-off between reading a request and running it.
"""

import itertools
import os
import queue
import select
import selectors
import socket

from .framing import FrameReader, FrameTooLarge, write_frame
from .wire import pb


class MainLoop:
    def __init__(self, dispatcher, max_frame):
        self._dispatcher = dispatcher
        self._max_frame = max_frame
        self._selector = selectors.DefaultSelector()
        self._tasks = queue.SimpleQueue()
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)
        self._selector.register(self._wake_r, selectors.EVENT_READ, self._run_tasks)
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
        self._selector.register(listener, selectors.EVENT_READ, self._accept)

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
        while not self._stopping:
            for key, _ in self._selector.select():
                key.data(key.fileobj)

    def _request_stop(self):
        self._stopping = True

    def _run_tasks(self, wake_socket):
        try:
            wake_socket.recv(4096)
        except BlockingIOError:
            pass
        while True:
            try:
                task = self._tasks.get_nowait()
            except queue.Empty:
                return
            task()

    def _accept(self, listener):
        try:
            sock, _ = listener.accept()
        except BlockingIOError:
            return
        sock.setblocking(True)
        connection = _Connection(next(self._connection_ids), sock, self._max_frame)
        self._selector.register(sock, selectors.EVENT_READ, lambda s: self._readable(connection))

    def _readable(self, connection):
        try:
            open_ = connection.reader.fill()
            frames = connection.take_frames()
        except (OSError, FrameTooLarge):
            open_, frames = False, []
        self._handle_all(connection, frames)
        if not open_:
            self._selector.unregister(connection.sock)
            connection.sock.close()

    def _handle_all(self, connection, frames):
        # A call whose Cancel arrived with it waited in the socket past its host-side timeout:
        # answer it cancelled without running it.
        cancelled = {f.cancel.call_id for f in frames if f.WhichOneof("kind") == "cancel"}
        for frame in frames:
            if frame.WhichOneof("kind") == "call" and frame.call.call_id in cancelled:
                self._skip(connection, frame.call)
            else:
                self._handle(connection, frame)

    def _skip(self, connection, request):
        reply = pb.CallReply(call_id=request.call_id)
        reply.fault.code = pb.BridgeFault.CANCELLED
        reply.fault.message = "the call was cancelled before it started"
        try:
            connection.send(pb.Frame(reply=reply))
        except OSError:
            pass

    def _handle(self, connection, frame):
        kind = frame.WhichOneof("kind")
        if kind == "call":
            self._call(connection, frame.call)
        elif kind == "release":
            self._dispatcher.release(frame.release.object_ids)
        elif kind == "close_session":
            self._dispatcher.close_session(frame.close_session.session_id)
        # A Cancel for a call that is not running any more has nothing left to do.

    def _call(self, connection, request):
        self._current = connection
        try:
            reply = self._dispatcher.run(
                request, connection.send_item, key=(connection.id, request.call_id))
        finally:
            self._current = None
        try:
            connection.send(pb.Frame(reply=reply))
        except FrameTooLarge as exc:
            self._dispatcher.release(reply.new_objects)  # the host never sees them
            del reply.new_objects[:]
            reply.ClearField("outcome")
            reply.fault.code = pb.BridgeFault.CONVERSION
            reply.fault.message = str(exc)
            connection.send(pb.Frame(reply=reply))
        except OSError:
            pass  # the host went away; its socket is closed on the next read
        # Frames read while the call ran (by cancel polling) are handled now, in order.
        if connection.pending:
            pending, connection.pending = connection.pending, []
            self._handle_all(connection, pending)


class _Connection:
    def __init__(self, connection_id, sock, max_frame):
        self.id = connection_id
        self.sock = sock
        self.reader = FrameReader(sock, max_frame)
        self.pending = []
        self._max_frame = max_frame

    def take_frames(self):
        frames = self.pending + self.reader.take_frames()
        self.pending = []
        return frames

    def send(self, frame):
        write_frame(self.sock, frame, self._max_frame)

    def send_item(self, item):
        self.send(pb.Frame(item=item))

    def poll_cancels(self):
        cancelled = []
        try:
            while select.select([self.sock], [], [], 0)[0] and self.reader.fill():
                pass
        except (OSError, FrameTooLarge):
            pass  # the next regular read reports a broken connection
        for frame in self.reader.take_frames():
            if frame.WhichOneof("kind") == "cancel":
                cancelled.append((self.id, frame.cancel.call_id))
            else:
                self.pending.append(frame)
        return cancelled
