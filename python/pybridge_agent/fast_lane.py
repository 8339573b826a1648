"""A fast-lane connection: the Unix-socket transport of the worker's core (core.py).

The main loop (mainloop.py) reads its frames and hands them to the core; this class holds
what was read and not handled yet and what waits to be sent, and sends replies and stream
items without ever blocking on a slow reader.
"""

import collections
import itertools
import select
import socket

from .core import Peer
from .framing import FrameReader, FrameTooLarge, frame_buffers, write_frame

# A stream waits while more than this many bytes of its items wait to be sent (the socket's
# own buffer holds about as much again).
OUTBOX_LIMIT = 256 << 10
_SEND_BATCH = 64  # buffers per sendmsg


class Connection(Peer):
    """One fast-lane connection: what was read and not handled yet, and what waits to be
    sent. Its stream's items (send_item) never block: what the socket does not take waits in
    the outbox, and every later frame behind them."""

    uses_trailers = True

    def __init__(self, loop, connection_id, sock, max_frame, parse_plain, encode_item=None):
        super().__init__(connection_id)
        self._loop = loop
        self.sock = sock
        self.reader = FrameReader(sock, max_frame, parse_plain)
        self.pending = []  # (frame, trailer) pairs read while a call ran
        self.deferred = []  # calls that arrived while a stream ran
        # [byte view, object ids of the item it ends, Trailer whose segments go with its
        # first byte (None once sent)]
        self.outbox = collections.deque()
        self.outbox_bytes = 0
        self.watching_writes = False
        self.closed = False
        self._max_frame = max_frame
        # The native encoder of a scalar stream item, encode_item(call_id, item, max_frame)
        # (wire.py's native module), else None.
        self.encode_item = encode_item
        self.max_frame = max_frame

    # -- Peer (core.py) ---------------------------------------------------------------------

    def answer(self, call_id, frame, trailer=None):
        self._loop._send_reply(self, frame, trailer)

    def callback_channel(self):
        return self

    def stepped(self):
        self._loop._stream_stepped(self)

    def stream_ended(self):
        self._loop._stream_ended(self)

    def distrust(self):
        self._loop._close(self)  # (the host reports that at once)

    # -- reading and writing ----------------------------------------------------------------

    def take(self):
        if not self.pending:
            return self.reader.take()
        frames = self.pending + self.reader.take()
        self.pending = []
        return frames

    def send(self, frame, trailer=None):
        """Sends a reply: at once (blocking: the host waits for it), or after the outbox."""
        if not self.outbox:
            write_frame(self.sock, frame, self._max_frame, trailer)
            return
        self._queue(frame_buffers(frame, self._max_frame, trailer), (), trailer)
        self.flush()

    def send_bytes(self, data):
        """Sends an encoded frame, as send()."""
        if not self.outbox:
            self.sock.sendall(data)
            return
        self._queue([data], ())
        self.flush()

    # The sink of this connection's stream (streams.StreamTask).

    def send_item(self, frame, trailer=None):
        buffers = frame_buffers(frame, self._max_frame, trailer)
        if not self.outbox:
            size = sum(len(b) for b in buffers)
            ancillary = trailer.ancillary() if trailer is not None else ()
            try:
                sent = self.sock.sendmsg(buffers, ancillary, socket.MSG_DONTWAIT)
            except BlockingIOError:
                sent = 0
            if sent == size:
                return
            buffers = _skip_bytes(buffers, sent)
            if sent:
                trailer = None  # its segments went with the first byte
        self._queue(buffers, list(frame.item.new_objects), trailer)

    def send_encoded_item(self, data):
        """Sends a stream item encode_item made (framed), as send_item. Its own plain send:
        going through send_item's sendmsg (buffer list, ancillary data) costs the stream of
        ints about 30% of its rate."""
        if not self.outbox:
            try:
                sent = self.sock.send(data, socket.MSG_DONTWAIT)
            except BlockingIOError:
                sent = 0
            if sent == len(data):
                return
            data = memoryview(data)[sent:]
        self._queue([data], ())

    def ready(self):
        return self.outbox_bytes < OUTBOX_LIMIT

    def flush(self):
        """Sends what the socket takes now without blocking."""
        outbox = self.outbox
        while outbox:
            # Segments go with their frame's first byte: a batch starts at most one frame
            # that carries them.
            batch = [outbox[0]]
            for entry in itertools.islice(outbox, 1, _SEND_BATCH):
                if entry[2] is not None:
                    break
                batch.append(entry)
            carrier = outbox[0][2]
            ancillary = carrier.ancillary() if carrier is not None else ()
            try:
                sent = self.sock.sendmsg([entry[0] for entry in batch], ancillary,
                                         socket.MSG_DONTWAIT)
            except BlockingIOError:
                return
            if sent:
                outbox[0][2] = None
            self.outbox_bytes -= sent
            while sent:
                view = outbox[0][0]
                if len(view) > sent:
                    outbox[0][0] = view[sent:]
                    break
                sent -= len(view)
                outbox.popleft()

    def drop_outbox(self):
        """Forgets what was not sent; returns the object ids of items the host never got."""
        ids = [obj_id for _, item_ids, _ in self.outbox for obj_id in item_ids]
        self.outbox.clear()
        self.outbox_bytes = 0
        return ids

    def _queue(self, buffers, ids, trailer=None):
        last = len(buffers) - 1
        carrier = trailer if trailer is not None and trailer.segments else None
        for index, buffer in enumerate(buffers):
            view = memoryview(buffer).cast("B")
            self.outbox.append([view, ids if index == last else (), carrier if index == 0 else None])
            self.outbox_bytes += len(view)

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


def _skip_bytes(buffers, count):
    """`buffers` without their first `count` bytes."""
    rest = []
    for buffer in buffers:
        view = memoryview(buffer).cast("B")
        if count >= len(view):
            count -= len(view)
            continue
        rest.append(view[count:])
        count = 0
    return rest
