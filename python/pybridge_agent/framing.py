"""Length-prefixed Frames on a stream socket: a 4-byte little-endian size, then the bytes."""

import struct

from .wire import pb

_HEADER = struct.Struct("<I")
DEFAULT_MAX_FRAME = 256 << 20


class FrameTooLarge(Exception):
    pass


class FrameReader:
    """Buffers what a socket delivers and yields complete Frames."""

    def __init__(self, sock, max_frame=DEFAULT_MAX_FRAME):
        self._sock = sock
        self._buffer = bytearray()
        self._max_frame = max_frame

    def fill(self):
        """Reads what is available (the socket must be readable); False at end of stream."""
        chunk = self._sock.recv(1 << 16)
        if not chunk:
            return False
        self._buffer += chunk
        self._read_large_body()
        return True

    def take_frames(self):
        """Removes and returns the complete frames buffered so far (a list, so handling one
        frame may read the socket again)."""
        buffer = self._buffer
        frames, offset = [], 0
        while len(buffer) - offset >= 4:
            (size,) = _HEADER.unpack_from(buffer, offset)
            if len(buffer) - offset - 4 < size:
                break
            frames.append(pb.Frame.FromString(bytes(buffer[offset + 4:offset + 4 + size])))
            offset += 4 + size
        del buffer[:offset]
        return frames

    def _read_large_body(self):
        # A large frame is read straight into a buffer of its size, not in 64 KiB appends.
        if len(self._buffer) < 4:
            return
        (size,) = _HEADER.unpack_from(self._buffer, 0)
        if size > self._max_frame:
            raise FrameTooLarge(f"a frame of {size} bytes exceeds the limit of {self._max_frame}")
        missing = size + 4 - len(self._buffer)
        if missing <= 1 << 16:
            return
        body = bytearray(size + 4)
        have = len(self._buffer)
        body[:have] = self._buffer
        view = memoryview(body)[have:]
        while view:
            got = self._sock.recv_into(view)
            if not got:
                raise ConnectionError("the peer closed the connection inside a frame")
            view = view[got:]
        self._buffer = body


def write_frame(sock, frame, max_frame=DEFAULT_MAX_FRAME):
    payload = frame.SerializeToString()
    if len(payload) > max_frame:
        raise FrameTooLarge(
            f"a reply of {len(payload)} bytes exceeds the message limit of {max_frame} bytes")
    header = _HEADER.pack(len(payload))
    if len(payload) < 1 << 16:
        sock.sendall(header + payload)
    else:
        sock.sendall(header)
        sock.sendall(payload)
