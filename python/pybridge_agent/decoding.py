"""Parsing received Frames: never an exception, never silence.

A frame that does not parse (a string that is not UTF-8, a value nested too deep, bytes cut
short) becomes a BadFrame carrying what its call needs for an error reply: the call id,
read with FrameHeader (proto/pybridge.proto), which skips every other field unparsed.

Protobuf's parser stops at 100 nested messages (about 48 nested lists); the wire allows
MAX_VALUE_DEPTH containers. A frame that fails on depth alone is measured without recursion
and, when within the limit, parsed again with protobuf's limit lifted for that one parse.
"""

import threading

from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import DecodeError

from . import wire
from .wire import pb

# Nested messages a frame may hold (senders count containers, MAX_VALUE_DEPTH, exactly).
MESSAGE_DEPTH_LIMIT = pb.MAX_MESSAGE_DEPTH
_DEFAULT_PROTOBUF_DEPTH = 100

try:
    from google.protobuf.pyext._message import SetAllowOversizeProtos as _allow_deep
except ImportError:  # another protobuf implementation: no deeper parse than its default
    _allow_deep = None

# Every parse holds this lock, so no parse of another thread runs while one deep frame is
# parsed with the limit lifted (the flag is process-wide; parsing holds the GIL throughout).
_parsing = threading.Lock()


class BadFrame:
    """A received frame that does not parse. Looks like a Frame to code that asks a frame
    its kind (WhichOneof gives "bad_frame")."""

    __slots__ = ("call_id", "reason")

    def __init__(self, call_id, reason):
        self.call_id = call_id  # the call to answer with the error; 0: none found
        self.reason = reason

    def WhichOneof(self, _oneof):  # noqa: N802 - protobuf's spelling
        return "bad_frame"


def decode_frame(data):
    """The Frame in `data` (a bytes-like object), or a BadFrame."""
    with _parsing:
        try:
            return pb.Frame.FromString(data)
        except DecodeError:
            detail = wire.take_protobuf_error()
        depth = message_depth(data, pb.Frame.DESCRIPTOR, MESSAGE_DEPTH_LIMIT)
        if _allow_deep is not None and depth is not None and depth > _DEFAULT_PROTOBUF_DEPTH:
            _allow_deep(True)
            try:
                return pb.Frame.FromString(data)
            except DecodeError:
                pass
            finally:
                _allow_deep(False)
    return BadFrame(_call_id(data), _reason(data, depth, detail))


def _call_id(data):
    try:
        header = pb.FrameHeader.FromString(data)
    except DecodeError:
        return 0
    return header.call.call_id if header.WhichOneof("kind") == "call" else 0


def _reason(data, depth, detail):
    if depth is None and message_depth(data, pb.Frame.DESCRIPTOR, 1 << 30) is not None:
        return (f"a value nested deeper than {pb.MAX_VALUE_DEPTH} containers (the wire's "
                "limit, MAX_VALUE_DEPTH)")
    if depth is not None and depth > _DEFAULT_PROTOBUF_DEPTH and _allow_deep is None:
        return ("a value nested deeper than this worker's protobuf parses (about 48 "
                "containers)")
    return "the frame does not parse" + (f": {detail}" if detail else
                                         " (a string that is not UTF-8, or a cut message)")


def message_depth(data, descriptor, limit):
    """How deep messages nest in `data`, a serialized `descriptor` message (1: no nested
    message); None past `limit`, or when the bytes are no such message. Iterative: a frame
    too deep for protobuf's parser is measured without recursion."""
    view = memoryview(data).cast("B")
    ends, types = [len(view)], [descriptor]
    pos, deepest = 0, 1
    try:
        while True:
            while pos == ends[-1]:
                ends.pop()
                types.pop()
                if not ends:
                    return deepest
            key, pos = _varint(view, pos)
            wire_type = key & 7
            if wire_type == 0:
                _, pos = _varint(view, pos)
            elif wire_type == 1:
                pos += 8
            elif wire_type == 5:
                pos += 4
            elif wire_type == 2:
                size, pos = _varint(view, pos)
                field = types[-1].fields_by_number.get(key >> 3)
                if field is not None and field.type == FieldDescriptor.TYPE_MESSAGE:
                    if pos + size > ends[-1]:
                        return None
                    ends.append(pos + size)
                    types.append(field.message_type)
                    deepest = max(deepest, len(ends))
                    if deepest > limit:
                        return None
                    continue
                pos += size
            else:  # groups (never in proto3) or garbage
                return None
            if pos > ends[-1]:
                return None
    except IndexError:
        return None


def _varint(view, pos):
    result = shift = 0
    while True:
        byte = view[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result, pos
        shift += 7
        if shift > 63:
            raise IndexError("varint too long")
