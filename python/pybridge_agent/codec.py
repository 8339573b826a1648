"""Conversion between Python values and wire Values (proto/pybridge.proto)."""

import datetime
import re
import sys

from . import shared_memory
from .callbacks import HostCallable
from .wire import pb

_INT64_MIN, _INT64_MAX = -(1 << 63), (1 << 63) - 1
_EPOCH = datetime.datetime(1970, 1, 1)
_EPOCH_UTC = _EPOCH.replace(tzinfo=datetime.timezone.utc)


class ConversionError(Exception):
    """A wire value that has no Python form (or the reverse)."""


class MalformedValue(Exception):
    """A wire value no correct sender makes (a big int that is not decimal text, a dtype
    numpy does not know, a dict with more keys than values): a protocol error."""


# Containers nested in one value, at most (proto/pybridge.proto): a deeper result is refused
# before it is sent.
MAX_DEPTH = pb.MAX_VALUE_DEPTH
# Python frames the codec's recursion takes per container, at most.
_FRAMES_PER_LEVEL = 4


def _qualified_type_name(obj):
    cls = type(obj)
    return f"{cls.__module__}.{cls.__qualname__}"


class Encoding:
    """One value being encoded: its session, and the handles registered for it so far (the
    host owns them; on failure they are released again). On the fast lane, `trailer` (a
    framing.Trailer) takes large arrays' data instead of the Value."""

    __slots__ = ("session_id", "new_objects", "trailer")

    def __init__(self, session_id, trailer=None):
        self.session_id = session_id
        self.new_objects = []
        self.trailer = trailer


class Codec:
    """Encodes results and decodes arguments; objects without a value form become handles."""

    def __init__(self, registry, check_handle=None):
        """`check_handle(obj)` raises when `obj` may not be handed to the host (the
        worker's allowlist: Allowlist.check_handle)."""
        self._registry = registry
        # How a host callable is called (MainLoop.call_host); None: not on this worker.
        self.call_host = None
        self._check_handle = check_handle
        self._trailer = None  # fast lane: the buffer the decoded value's large arrays are in

    # -- Python -> wire ---------------------------------------------------------------------

    def encode_into(self, obj, session_id, out, new_objects, as_handle=False, trailer=None):
        """Fills `out` (a pb.Value) with `obj` (a handle when `as_handle`) and `new_objects`
        (a repeated field) with the ids of the handles it registered. Nothing stays
        registered when encoding fails. With a `trailer` (fast lane), large arrays' data goes
        there instead of into `out`."""
        encoding = Encoding(session_id, trailer)
        try:
            try:
                self._encode_top(obj, encoding, out, as_handle)
            except RecursionError:
                # Deep, but maybe within the wire's limit: again with room for it.
                self._registry.release(encoding.new_objects)
                encoding = Encoding(session_id, trailer)
                out.Clear()
                _check_depth(obj)
                with _recursion_room():
                    self._encode_top(obj, encoding, out, as_handle)
        except BaseException:
            self._registry.release(encoding.new_objects)
            out.Clear()
            raise
        new_objects.extend(encoding.new_objects)

    def _encode_top(self, obj, encoding, out, as_handle):
        if as_handle:
            self.encode_handle(obj, encoding, out)
        else:
            self.encode(obj, encoding, out)

    def encode(self, obj, encoding, out=None):
        """Fills `out` (a pb.Value, created when None) with `obj` and returns it."""
        out = pb.Value() if out is None else out
        encoder = _ENCODERS.get(type(obj))
        if encoder is not None:
            encoder(self, obj, encoding, out)
        else:
            self._encode_other(obj, encoding, out)
        return out

    def encode_handle(self, obj, encoding, out):
        if self._check_handle is not None:
            self._check_handle(obj)
        obj_id = self._registry.put(encoding.session_id, obj)
        encoding.new_objects.append(obj_id)
        out.object.id = obj_id
        out.object.type_name = _qualified_type_name(obj)
        return out

    def _encode_other(self, obj, encoding, out):
        # Subclasses of the value types (IntEnum, OrderedDict, namedtuple, numpy scalars) travel
        # by value; a host that wants the object itself asks for a handle (result_as_object).
        numpy = sys.modules.get("numpy")
        if numpy is not None:
            if isinstance(obj, numpy.ndarray):
                if obj.dtype.hasobject:  # no raw-buffer form: the array stays on the worker
                    return self.encode_handle(obj, encoding, out)
                return _encode_ndarray(obj, encoding.trailer, out.ndarray)
            if isinstance(obj, numpy.generic):
                return self.encode(obj.item(), encoding, out)
            if _is_plain_data_frame(obj):
                return _encode_data_frame(obj, encoding, out.data_frame)
        if isinstance(obj, bool):
            out.bool_value = bool(obj)
        elif isinstance(obj, int):
            _encode_int(self, int(obj), encoding, out)
        elif isinstance(obj, float):
            out.float_value = float(obj)
        elif isinstance(obj, str):
            out.str_value = str(obj)
        elif isinstance(obj, (bytes, bytearray)):
            out.bytes_value = bytes(obj)
        elif isinstance(obj, dict):
            _encode_dict(self, obj, encoding, out)
        elif isinstance(obj, tuple):
            _encode_items(self, obj, encoding, out.tuple_value)
        elif isinstance(obj, list):
            _encode_items(self, obj, encoding, out.list_value)
        elif isinstance(obj, (set, frozenset)):
            _encode_items(self, obj, encoding, out.set_value)
        else:
            self.encode_handle(obj, encoding, out)

    # -- wire -> Python ---------------------------------------------------------------------

    def decode(self, value, trailer=None):
        """The Python form of a pb.Value; `trailer` is the buffer holding the data of its
        large arrays (fast lane). Raises MalformedValue for what no correct sender sends."""
        return self._decoded(self._decode, value, trailer)

    def _decode(self, value):
        kind = value.WhichOneof("kind")
        if kind in _SCALAR_KINDS:
            return getattr(value, kind)
        decoder = _DECODERS.get(kind)
        if decoder is None:
            raise ConversionError(f"a wire value of kind '{kind}' has no Python form")
        return decoder(self, value)

    def decode_key(self, value):
        """A dict key or set item: lists (a C++ vector) become tuples, so they can be hashed."""
        decoded = self._decode(value)
        return _hashable(decoded)

    def decode_args(self, arguments, trailer=None):
        """(args, kwargs) of a call's pb.Argument list; `trailer` as for decode()."""
        return self._decoded(self._decode_args, arguments, trailer)

    def _decoded(self, decode, wire_value, trailer):
        """decode(wire_value), with `trailer` set while it runs (nested values find it there)."""
        if trailer is not None:
            previous, self._trailer = self._trailer, trailer
            try:
                return self._decoded(decode, wire_value, None)
            finally:
                self._trailer = previous
        try:
            return decode(wire_value)
        except RecursionError:
            # The frame parsed, so the value is within the wire's depth limit: room for it.
            with _recursion_room():
                return decode(wire_value)

    def _decode_args(self, arguments):
        args, kwargs = [], {}
        decode = self._decode
        for i in range(len(arguments)):  # indexing costs less than iterating protobuf's list
            argument = arguments[i]
            name = argument.name
            value = argument.value
            kind = value.WhichOneof("kind")
            value = getattr(value, kind) if kind in _SCALAR_KINDS else decode(value)
            if name:
                if name in kwargs:
                    raise ConversionError(f"keyword argument '{name}' given twice")
                kwargs[name] = value
            else:
                args.append(value)
        return args, kwargs


class _recursion_room:
    """Raises Python's recursion limit while a value nested up to MAX_DEPTH is converted.
    The codec's recursion is Python calling Python (no C stack per level since 3.11)."""

    def __enter__(self):
        self._before = sys.getrecursionlimit()
        sys.setrecursionlimit(self._before + _FRAMES_PER_LEVEL * MAX_DEPTH)

    def __exit__(self, *exc):
        sys.setrecursionlimit(self._before)


def _check_depth(obj):
    """Raises ConversionError when containers nest in `obj` deeper than MAX_DEPTH (a
    container that holds itself nests without end)."""
    level, seen = [obj], 0
    for depth in range(MAX_DEPTH + 1):
        containers = [item for item in level if isinstance(item, _CONTAINERS)]
        if not containers:
            return
        seen += len(containers)
        if seen > _MAX_CHECKED:
            break  # (shared items counted again and again): too much to hold anyway
        level = [child for container in containers for child in _children(container)]
    raise ConversionError(
        f"the value nests containers deeper than {MAX_DEPTH} levels (the wire's limit, "
        "MAX_VALUE_DEPTH), or contains itself")


_CONTAINERS = (list, tuple, set, frozenset, dict)
_MAX_CHECKED = 10_000_000


def _children(container):
    if isinstance(container, dict):
        return [*container.keys(), *container.values()]
    return container


def _hashable(value):
    if isinstance(value, (list, tuple)):  # (a tuple may hold a list or a set)
        return tuple([_hashable(item) for item in value])
    if isinstance(value, set):
        return frozenset(value)
    if isinstance(value, dict):
        raise ConversionError("a dict cannot be a Python dict key or set item")
    return value


def _encode_int(codec, obj, encoding, out):
    if _INT64_MIN <= obj <= _INT64_MAX:
        out.int_value = obj
    else:
        out.big_int = str(obj)


def _encode_items(codec, items, encoding, out_list):
    out_list.SetInParent()
    append = out_list.items.add
    for item in items:
        codec.encode(item, encoding, append())


def _encode_dict(codec, obj, encoding, out):
    out.dict_value.SetInParent()
    keys, values = out.dict_value.keys, out.dict_value.values
    for key, value in obj.items():
        codec.encode(key, encoding, keys.add())
        codec.encode(value, encoding, values.add())


def _encode_set(codec, obj, encoding, out):
    _encode_items(codec, obj, encoding, out.set_value)


def _encode_ndarray(array, trailer, out):
    import numpy
    contiguous = numpy.ascontiguousarray(array)
    out.dtype = contiguous.dtype.str
    out.shape.extend(contiguous.shape)
    if (trailer is not None and contiguous.nbytes >= shared_memory.MIN_BYTES
            and _encode_shared(contiguous, trailer, out.shared)):
        return
    if trailer is not None and contiguous.nbytes >= trailer.min_bytes:
        # Sent from the array's own memory after the frame: no copy on this side.
        out.trailer.offset = trailer.add(memoryview(contiguous.reshape(-1).view(numpy.uint8)))
        out.trailer.size = contiguous.nbytes
    else:
        out.data = contiguous.tobytes()


def _is_plain_data_frame(obj):
    """A pandas DataFrame that travels by value: str column names, each once, columns of a
    numeric (non-object) dtype, the default index."""
    pandas = sys.modules.get("pandas")
    if pandas is None or type(obj) is not pandas.DataFrame:
        return False
    names = list(obj.columns)
    index = obj.index
    return (all(type(name) is str for name in names) and len(set(names)) == len(names)
            and isinstance(index, pandas.RangeIndex) and index.start == 0 and index.step == 1
            and not any(dtype.hasobject or not hasattr(dtype, "str") for dtype in obj.dtypes))


def _encode_data_frame(frame, encoding, out):
    for name in frame.columns:
        out.names.append(name)
        _encode_ndarray(frame[name].to_numpy(), encoding.trailer, out.columns.add().ndarray)


def _decode_data_frame(codec, value):
    import pandas
    frame = value.data_frame
    if len(frame.names) != len(frame.columns) or len(set(frame.names)) != len(frame.names):
        raise MalformedValue(f"a DataFrame with {len(frame.names)} names and "
                             f"{len(frame.columns)} columns")
    columns = {}
    for name, column in zip(frame.names, frame.columns):
        if column.WhichOneof("kind") != "ndarray" or len(column.ndarray.shape) != 1:
            raise MalformedValue(f"a DataFrame whose column {name!r} is no 1-D array")
        columns[name] = _decode_ndarray(codec, column)
    if len({len(array) for array in columns.values()}) > 1:
        raise MalformedValue("a DataFrame whose columns differ in length")
    return pandas.DataFrame(columns, copy=False)


def _encode_shared(contiguous, trailer, out):
    """Puts a large array in shared memory: where it already is (an argument's segment, or a
    view of one, goes back without a copy), else copied into a new segment. False when the
    frame carries as many segments as it may."""
    import numpy
    found = shared_memory.locate(contiguous)
    if found is None:
        flat = contiguous.reshape(-1).view(numpy.uint8)
        found = shared_memory.SealedCopy(flat), 0
    segment, offset = found
    index = trailer.add_segment(segment)
    if index is None:
        return False
    out.segment = index
    out.offset = offset
    out.size = contiguous.nbytes
    return True


def _encode_datetime(codec, obj, encoding, out):
    if obj.tzinfo is not None:
        delta = obj - _EPOCH_UTC
        out.datetime.has_tz = True
    else:
        delta = obj - _EPOCH
    out.datetime.epoch_us = _total_us(delta)


def _encode_date(codec, obj, encoding, out):
    out.datetime.epoch_us = _total_us(datetime.datetime.combine(obj, datetime.time()) - _EPOCH)


def _encode_timedelta(codec, obj, encoding, out):
    out.timedelta.us = _total_us(obj)


def _total_us(delta):
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


def _set_none(codec, obj, encoding, out):
    out.none.SetInParent()


def _set_bool(codec, obj, encoding, out):
    out.bool_value = obj


def _set_float(codec, obj, encoding, out):
    out.float_value = obj


def _set_str(codec, obj, encoding, out):
    out.str_value = obj


def _set_bytes(codec, obj, encoding, out):
    out.bytes_value = bytes(obj)


def _set_complex(codec, obj, encoding, out):
    out.complex_value.real = obj.real
    out.complex_value.imag = obj.imag


def _set_list(codec, obj, encoding, out):
    _encode_items(codec, obj, encoding, out.list_value)


def _set_tuple(codec, obj, encoding, out):
    _encode_items(codec, obj, encoding, out.tuple_value)


_ENCODERS = {
    type(None): _set_none,
    bool: _set_bool,
    int: _encode_int,
    float: _set_float,
    str: _set_str,
    bytes: _set_bytes,
    bytearray: _set_bytes,
    memoryview: _set_bytes,
    complex: _set_complex,
    list: _set_list,
    tuple: _set_tuple,
    dict: _encode_dict,
    set: _encode_set,
    frozenset: _encode_set,
    datetime.datetime: _encode_datetime,
    datetime.date: _encode_date,
    datetime.timedelta: _encode_timedelta,
}


def _decode_ndarray(codec, value):
    import numpy
    array = value.ndarray
    dtype, shape = _array_dtype(array.dtype), tuple(array.shape)
    count = 1
    for extent in shape:
        if extent < 0:
            raise MalformedValue(f"an ndarray of shape {shape}")
        count *= extent
    attached = codec._trailer
    segments = getattr(attached, "segments", ())
    if array.HasField("shared"):
        # In a segment the host shares: the array views it (writes show on the host).
        span = array.shared
        if (span.segment >= len(segments) or span.size != count * dtype.itemsize
                or span.offset + span.size > len(segments[span.segment])):
            raise MalformedValue(
                f"ndarray of shape {shape} and dtype {dtype} does not match the shared memory "
                "sent with it")
        return numpy.frombuffer(segments[span.segment], dtype=dtype, count=count,
                                offset=span.offset).reshape(shape)
    if array.HasField("trailer"):
        # The data arrived raw after the frame, in a writable buffer the array now shares.
        span, trailer = array.trailer, getattr(attached, "buffer", attached)
        if (trailer is None or span.size != count * dtype.itemsize
                or span.offset + span.size > len(trailer)):
            raise MalformedValue(
                f"ndarray of shape {shape} and dtype {dtype} does not match the raw data "
                "sent with it")
        return numpy.frombuffer(trailer, dtype=dtype, count=count,
                                offset=span.offset).reshape(shape)
    if count * dtype.itemsize != len(array.data):
        raise ConversionError(
            f"ndarray of shape {shape} and dtype {dtype} needs "
            f"{count * dtype.itemsize} bytes, got {len(array.data)}")
    # frombuffer shares the message's buffer; the copy makes the array writable like any other.
    return numpy.frombuffer(array.data, dtype=dtype).reshape(shape).copy()


def _array_dtype(text):
    """The numpy dtype a wire array names: a plain one with items of some size (no Python
    objects: raw bytes are never pointers)."""
    import numpy
    try:
        dtype = numpy.dtype(text)
    except (TypeError, ValueError, SyntaxError) as exc:
        raise MalformedValue(f"an ndarray with dtype {text!r}, which numpy does not know "
                             f"({exc})") from None
    if dtype.hasobject or dtype.itemsize == 0 or dtype.subdtype is not None:
        raise MalformedValue(f"an ndarray with dtype {text!r}, which raw data cannot carry")
    return dtype


def _decode_big_int(codec, value):
    text = value.big_int
    if not _DECIMAL.fullmatch(text):
        raise MalformedValue(f"a big int that is not decimal text: {text[:40]!r}")
    try:
        return int(text)
    except ValueError as exc:  # more digits than Python converts (sys.set_int_max_str_digits)
        raise ConversionError(str(exc)) from None


_DECIMAL = re.compile(r"-?[0-9]+", re.ASCII)


def _decode_dict(codec, value):
    keys, values = value.dict_value.keys, value.dict_value.values
    if len(keys) != len(values):
        raise MalformedValue(f"a dict with {len(keys)} keys and {len(values)} values")
    return {codec.decode_key(k): codec._decode(x) for k, x in zip(keys, values)}



def _decode_datetime(codec, value):
    try:
        delta = datetime.timedelta(microseconds=value.datetime.epoch_us)
        return (_EPOCH_UTC if value.datetime.has_tz else _EPOCH) + delta
    except OverflowError:
        raise ConversionError(
            f"{value.datetime.epoch_us} us since 1970 is outside Python's datetime range "
            "(years 1 to 9999)") from None


def _decode_callback(codec, value):
    return HostCallable(value.callback.id, codec.call_host)


# Kinds whose field is the Python value itself.
_SCALAR_KINDS = frozenset(("bool_value", "int_value", "float_value", "str_value", "bytes_value"))

_DECODERS = {
    None: lambda c, v: None,  # an unset Value, as the host reads it too
    "none": lambda c, v: None,
    "bool_value": lambda c, v: v.bool_value,
    "int_value": lambda c, v: v.int_value,
    "big_int": _decode_big_int,
    "float_value": lambda c, v: v.float_value,
    "str_value": lambda c, v: v.str_value,
    "bytes_value": lambda c, v: v.bytes_value,
    "list_value": lambda c, v: [c._decode(i) for i in v.list_value.items],
    "tuple_value": lambda c, v: tuple([c._decode(i) for i in v.tuple_value.items]),
    "set_value": lambda c, v: {c.decode_key(i) for i in v.set_value.items},
    "dict_value": _decode_dict,
    "object": lambda c, v: c._registry.get(v.object.id),
    "ndarray": _decode_ndarray,
    "data_frame": _decode_data_frame,
    "complex_value": lambda c, v: complex(v.complex_value.real, v.complex_value.imag),
    "datetime": _decode_datetime,
    "timedelta": lambda c, v: datetime.timedelta(microseconds=v.timedelta.us),
    "callback": _decode_callback,
}
