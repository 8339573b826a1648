"""The fast lane's framing: length-prefixed Frames on a stream socket.

A frame is a 4-byte little-endian size, then the Frame's bytes. When the size's top bit is
set, an 8-byte trailer size follows it and that many raw bytes follow the Frame: the data of
large numpy arrays (NDArray.trailer), which then never goes through protobuf. The largest
arrays travel in shared memory (NDArray.shared): the descriptors of the frame's segments
(Frame.segments) come with its first byte (SCM_RIGHTS), so every read is a recvmsg.
"""

import array
import collections
import mmap
import socket
import struct

from . import shared_memory
from .decoding import BadFrame, decode_frame
from .wire import pb

_SIZE = struct.Struct("<I")
_SIZES = struct.Struct("<IQ")
_HAS_TRAILER = 1 << 31
_READ_SIZE = 1 << 16
_HUGE_BUFFER = 4 << 20
_ANCILLARY = socket.CMSG_SPACE(shared_memory.MAX_PER_FRAME * array.array("i").itemsize)
DEFAULT_MAX_FRAME = 256 << 20


class FrameTooLarge(Exception):
    pass


class Trailer:
    """The raw buffers sent after one frame, in order, and the shared-memory segments sent
    with it."""

    __slots__ = ("buffers", "size", "segments")
    min_bytes = 64 << 10  # smaller arrays stay inside the frame

    def __init__(self):
        self.buffers = []
        self.size = 0
        self.segments = []

    def add(self, buffer):
        """Appends a byte buffer (len() counts bytes); returns its offset in the trailer."""
        offset = self.size
        self.buffers.append(buffer)
        self.size += len(buffer)
        return offset

    def add_segment(self, segment):
        """The index of `segment` among the frame's segments (added once); None when the
        frame carries as many as it may."""
        for index, known in enumerate(self.segments):
            if known is segment:
                return index
        if len(self.segments) >= shared_memory.MAX_PER_FRAME:
            return None
        self.segments.append(segment)
        return len(self.segments) - 1

    def ancillary(self):
        """The sendmsg ancillary data that hands the segments over."""
        if not self.segments:
            return []
        fds = array.array("i", (segment.fd for segment in self.segments))
        return [(socket.SOL_SOCKET, socket.SCM_RIGHTS, fds)]


class Attachments:
    """What came with a received frame: its trailer (a writable buffer, or None) and the
    Segments its shared arrays are in."""

    __slots__ = ("buffer", "segments")

    def __init__(self, buffer, segments):
        self.buffer = buffer
        self.segments = segments


class FrameReader:
    """Buffers what a socket delivers and yields complete frames with their trailers (take():
    a writable buffer, or None). A frame that does not parse comes as a decoding.BadFrame.

    It never waits for the rest of a frame: a large frame is received into buffers of its
    size as its bytes arrive, between the main loop's other work, so a peer that announces a
    large frame and stalls holds up nothing but its own connection.

    With `parse_plain(buffer, offset)` (the native module's parse_call), a frame that arrives
    alone in one read and that it decodes (a plain call, or a plain answer to a callback)
    comes as (its tuple, None) instead."""

    def __init__(self, sock, max_frame=DEFAULT_MAX_FRAME, parse_plain=None):
        self._sock = sock
        self._parse_plain = parse_plain
        self._buffer = bytearray()  # bytes of frames not complete yet
        self._frames = []  # frames parsed by fill(), not taken yet
        self._max_frame = max_frame
        self._large = None  # the _LargeFrame being received
        self._descriptors = collections.deque()  # received, not yet claimed by a frame
        self._descriptors_lost = False  # a recvmsg had no room for all of them

    def close(self):
        """Closes the descriptors no frame claimed."""
        import os
        while self._descriptors:
            os.close(self._descriptors.popleft())

    def _keep(self, ancillary, flags):
        if flags & socket.MSG_CTRUNC:
            self._descriptors_lost = True
        for level, kind, data in ancillary:
            if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
                fds = array.array("i")
                fds.frombytes(data[:len(data) - len(data) % fds.itemsize])
                self._descriptors.extend(fds)

    def _recv(self, size):
        data, ancillary, flags, _ = self._sock.recvmsg(size, _ANCILLARY, socket.MSG_CMSG_CLOEXEC)
        if ancillary or flags & socket.MSG_CTRUNC:
            self._keep(ancillary, flags)
        return data

    def _recv_into(self, view, flags):
        got, ancillary, msg_flags, _ = self._sock.recvmsg_into(
            [view], _ANCILLARY, flags | socket.MSG_CMSG_CLOEXEC)
        if ancillary or msg_flags & socket.MSG_CTRUNC:
            self._keep(ancillary, msg_flags)
        return got

    def _attached(self, frame, trailer, data):
        """(frame, what came with it): its Segments mapped; a frame whose segments are
        missing or unusable becomes a BadFrame for its call."""
        if isinstance(frame, BadFrame):
            count = _header_segments(data)
        else:
            count = frame.segments
        if not count:
            return frame, trailer
        import os
        segments, reason = [], None
        if count > len(self._descriptors) or count > shared_memory.MAX_PER_FRAME:
            reason = "a frame without its shared-memory segments"
            count = min(count, len(self._descriptors))
        for _ in range(count):
            fd = self._descriptors.popleft()
            if reason is not None:
                os.close(fd)
                continue
            try:
                segments.append(shared_memory.Segment.adopt(fd))
            except shared_memory.SegmentError as exc:
                reason = str(exc)
        if isinstance(frame, BadFrame):
            return frame, trailer
        if reason is not None:
            call_id = frame.call.call_id if frame.WhichOneof("kind") == "call" else 0
            return BadFrame(call_id, reason), None
        return frame, Attachments(trailer, segments)

    def fill(self):
        """Reads what is available (the socket must be readable) without waiting for more;
        False at end of stream."""
        if self._large is not None:
            return self._fill_large()
        chunk = self._recv(_READ_SIZE)
        if not chunk:
            return False
        if not self._buffer and len(chunk) >= 4 and not self._descriptors:
            # The common case, one whole small frame: parsed straight from what recv returned.
            (size,) = _SIZE.unpack_from(chunk)
            if len(chunk) == 4 + size and size <= self._max_frame:
                frame = self._parse_plain(chunk, 4) if self._parse_plain is not None else None
                if frame is not None:
                    self._frames.append((frame, None))
                else:  # it may announce segments that did not come: a BadFrame then
                    body = memoryview(chunk)[4:]
                    self._frames.append(self._attached(decode_frame(body), None, body))
                return True
        self._buffer += chunk
        return self._split()

    def take(self):
        """Removes and returns the complete frames read so far, as (frame, trailer) pairs (a
        list, so handling one frame may read the socket again)."""
        frames, self._frames = self._frames, []
        return frames

    def take_frames(self):
        """As take(), the frames alone: for readers that expect no trailers."""
        return [frame for frame, _ in self.take()]

    def _split(self):
        buffer = self._buffer
        offset = 0
        with memoryview(buffer) as view:  # released before the buffer is resized
            while True:
                sizes = self._sizes(buffer, offset)
                if sizes is None:
                    break
                header, size, trailer_size = sizes
                end = offset + header + size
                if len(buffer) < end + trailer_size:
                    break
                body = view[offset + header:end]
                frame = decode_frame(body)
                trailer = bytearray(view[end:end + trailer_size]) if trailer_size else None
                self._frames.append(self._attached(frame, trailer, body))
                body.release()  # the buffer is resized below
                offset = end + trailer_size
        del buffer[:offset]
        sizes = self._sizes(buffer, 0)
        if sizes is not None and sum(sizes) - len(buffer) > _READ_SIZE:
            # The rest of a large frame is read straight into buffers of its size, not
            # appended in 64 KiB pieces; the buffer holds its beginning and nothing after it.
            self._large = _LargeFrame(*sizes, self._buffer)
            self._buffer = bytearray()
            return self._fill_large(socket.MSG_DONTWAIT)
        return True

    def _sizes(self, buffer, offset):
        """(header, frame, trailer) sizes of the frame at `offset`; None before its header."""
        if len(buffer) - offset < 4:
            return None
        (word,) = _SIZE.unpack_from(buffer, offset)
        if word & _HAS_TRAILER:
            if len(buffer) - offset < _SIZES.size:
                return None
            word, trailer_size = _SIZES.unpack_from(buffer, offset)
            header, size = _SIZES.size, word & ~_HAS_TRAILER
        else:
            header, size, trailer_size = 4, word, 0
        if size + trailer_size > self._max_frame:
            raise FrameTooLarge(f"a frame of {size + trailer_size} bytes exceeds the limit of "
                                f"{self._max_frame}")
        return header, size, trailer_size

    def _fill_large(self, flags=0):
        """Receives what the socket holds of the large frame now; False at end of stream.
        The first read goes as the socket's mode says (fill(): the socket is readable), the
        others never wait."""
        large = self._large
        while True:
            view = large.unfilled()
            if view is None:
                self._large = None
                self._frames.append(
                    self._attached(decode_frame(large.body), large.trailer, large.body))
                return True
            try:
                got = self._recv_into(view, flags)
            except BlockingIOError:
                if not flags:
                    raise
                return True
            if not got:
                return False  # the peer closed the connection inside a frame
            large.filled += got
            flags = socket.MSG_DONTWAIT


def _header_segments(data):
    """Frame.segments of a frame that does not parse, read as FrameHeader (0: unknown)."""
    try:
        return pb.FrameHeader.FromString(bytes(data)).segments
    except Exception:  # noqa: BLE001 - any garbage: nothing to claim
        return 0


class _LargeFrame:
    """A large frame being received: its body, then its trailer, filled in order."""

    __slots__ = ("body", "trailer", "filled")

    def __init__(self, header, size, trailer_size, start):
        self.body = bytearray(size)
        self.trailer = _large_buffer(trailer_size) if trailer_size else None
        have = memoryview(start)[header:]
        self.body[:min(len(have), size)] = have[:size]
        if self.trailer is not None and len(have) > size:
            self.trailer[:len(have) - size] = have[size:]
        self.filled = len(have)  # bytes of body and trailer received

    def unfilled(self):
        """The part still to receive of the body or the trailer; None when complete."""
        size = len(self.body)
        if self.filled < size:
            return memoryview(self.body)[self.filled:]
        if self.trailer is not None and self.filled < size + len(self.trailer):
            return memoryview(self.trailer)[self.filled - size:]
        return None


def _large_buffer(size):
    """A writable buffer; a large one is anonymous memory advised to use huge pages (faulting in
    64 MiB of 4 KiB pages costs more than copying it)."""
    if size < _HUGE_BUFFER:
        return bytearray(size)
    buffer = mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE)  # shared memory gets no huge pages
    if hasattr(mmap, "MADV_HUGEPAGE"):
        buffer.madvise(mmap.MADV_HUGEPAGE)
    return buffer


def write_frame(sock, frame, max_frame=DEFAULT_MAX_FRAME, trailer=None):
    """Sends `frame`, then the buffers of `trailer` (a Trailer, or None) as they are, the
    trailer's segments with the first byte."""
    buffers = frame_buffers(frame, max_frame, trailer)
    if trailer is not None and trailer.segments:
        first = memoryview(buffers[0]).cast("B")
        sent = sock.sendmsg([first], trailer.ancillary())
        buffers[0] = first[sent:]
    for buffer in buffers:
        sock.sendall(buffer)


def frame_buffers(frame, max_frame=DEFAULT_MAX_FRAME, trailer=None):
    """The bytes that carry `frame` and its trailer, as a list of buffers (a small frame's
    size and bytes in one). Raises FrameTooLarge past `max_frame`."""
    if trailer is not None and trailer.segments:
        frame.segments = len(trailer.segments)
    payload = frame.SerializeToString()
    trailer_size = trailer.size if trailer is not None else 0
    if len(payload) + trailer_size > max_frame:
        raise FrameTooLarge(
            f"a reply of {len(payload) + trailer_size} bytes exceeds the message limit of "
            f"{max_frame} bytes")
    if trailer_size:
        return [_SIZES.pack(len(payload) | _HAS_TRAILER, trailer_size) + payload,
                *trailer.buffers]
    if len(payload) < _READ_SIZE:
        return [_SIZE.pack(len(payload)) + payload]
    return [_SIZE.pack(len(payload)), payload]
