"""Writes seed inputs for the fuzz targets into DIR/{frame_reader,value_decoder,
descriptor_reader}: wire values of every kind, frames as a worker sends them (with trailers,
cut short, not UTF-8, nested deep), and descriptors of a few real modules. Made from the
agent's own code (run with the build tree's agent on PYTHONPATH), so they follow the wire
and descriptor formats as they are now.

    python3 fuzz/make_seeds.py DIR
"""

import datetime
import json
import struct
import sys
from pathlib import Path

from pybridge_agent.codec import Codec
from pybridge_agent.describe import build_descriptor
from pybridge_agent.objects import ObjectRegistry
from pybridge_agent.wire import pb

VALUES = [None, True, 7, -(1 << 63), 1 << 80, 2.5, float("nan"), "", "text", "\u00e9\U0001F600",
          b"\x00\xff", [], [1, 2.0, "x"], (1, "a"), {1, 2}, frozenset({"a"}),
          {"a": [1, 2], "b": {"c": None}}, {(1, 2): 3}, 3 + 4j, datetime.timedelta(seconds=5),
          datetime.datetime(2024, 5, 6, 7, 8, 9), [[[[1]]]], object()]
MODULES = ["json", "colorsys", "bisect", "fractions"]


def values():
    codec = Codec(ObjectRegistry())
    for value in VALUES:
        out = pb.Value()
        codec.encode_into(value, 0, out, [])
        yield out
    try:
        import numpy
        for array in (numpy.arange(6.0).reshape(2, 3), numpy.array([True, False]),
                      numpy.array([1, 2], dtype="<i4")):
            out = pb.Value()
            codec.encode_into(array, 0, out, [])
            yield out
    except ImportError:
        pass
    deep = pb.Value()
    inner = deep
    for _ in range(pb.MAX_VALUE_DEPTH):
        inner = inner.list_value.items.add()
    inner.int_value = 1
    yield deep


def framed(payload, trailer=b""):
    if trailer:
        return struct.pack("<IQ", len(payload) | (1 << 31), len(trailer)) + payload + trailer
    return struct.pack("<I", len(payload)) + payload


def frames(wire_values):
    for call_id, value in enumerate(wire_values, start=1):
        reply = pb.Frame(reply=pb.CallReply(call_id=call_id, result=value))
        yield framed(reply.SerializeToString())
        item = pb.Frame(item=pb.StreamItem(call_id=call_id, item=value, new_objects=[3]))
        yield framed(item.SerializeToString())
    data = bytes(range(256)) * 4
    with_trailer = pb.Frame(reply=pb.CallReply(call_id=9))
    array = with_trailer.reply.result.ndarray
    array.dtype, array.trailer.offset, array.trailer.size = "|u1", 0, len(data)
    array.shape.append(len(data))
    yield framed(with_trailer.SerializeToString(), data)
    text = pb.Frame(reply=pb.CallReply(call_id=4, result=pb.Value(str_value="zz")))
    yield framed(text.SerializeToString().replace(b"zz", b"\xff\xfe"))  # not UTF-8
    fault = pb.Frame(reply=pb.CallReply(call_id=5))
    fault.reply.fault.code, fault.reply.fault.message = pb.BridgeFault.CONVERSION, "no"
    error = pb.Frame(reply=pb.CallReply(call_id=6))
    error.reply.error.type, error.reply.error.bases[:] = "ValueError", ["builtins.ValueError"]
    yield framed(fault.SerializeToString()) + framed(error.SerializeToString())


def main(directory):
    root = Path(directory)
    for name in ("frame_reader", "value_decoder", "descriptor_reader"):
        (root / name).mkdir(parents=True, exist_ok=True)
    wire_values = list(values())
    for index, value in enumerate(wire_values):
        (root / "value_decoder" / f"value-{index}").write_bytes(value.SerializeToString())
    for index, data in enumerate(frames(wire_values)):
        (root / "frame_reader" / f"frame-{index}").write_bytes(data)
    for module in MODULES:
        text = json.dumps(build_descriptor(module), separators=(",", ":"))
        (root / "descriptor_reader" / f"{module}.json").write_text(text)


if __name__ == "__main__":
    main(sys.argv[1])
