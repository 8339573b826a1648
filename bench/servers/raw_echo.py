"""Baseline (a): the floor for a Python worker on a Unix socket.

Echoes 4-byte little-endian length-prefixed messages back, as a plain Python loop on one
thread: the same framing as PyBridge's fast lane, with nothing else (no protobuf, no dispatch).
Started like a worker (_child.py).
"""

import os
import socket
import struct
import sys

import _child

_HEADER = struct.Struct("<I")


def serve(sock):
    buffer = bytearray()
    while True:
        chunk = sock.recv(1 << 16)
        if not chunk:
            return
        buffer += chunk
        offset = 0
        while len(buffer) - offset >= 4:
            (size,) = _HEADER.unpack_from(buffer, offset)
            if len(buffer) - offset - 4 < size:
                break
            sock.sendall(buffer[offset:offset + 4 + size])
            offset += 4 + size
        del buffer[:offset]


def main():
    path = sys.argv[1]
    if os.path.exists(path):
        os.unlink(path)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(8)
    _child.ready()
    while True:
        sock, _ = listener.accept()
        serve(sock)
        sock.close()


if __name__ == "__main__":
    main()
