"""Shared-memory segments for large arrays on the fast lane (proto/pybridge.proto,
NDArray.shared): a memfd mapped by both sides and handed over the Unix socket (SCM_RIGHTS),
so an array's bytes never pass through the socket. A segment is freed by the kernel when its
last mapping and descriptor are gone: nothing to unlink, also when either side crashes."""

import fcntl
import mmap
import os
import weakref

MIN_BYTES = 1 << 20  # arrays at least this large travel in shared memory
MAX_PER_FRAME = 64  # segments one frame carries at most (runtime/src/shared_memory.hpp)
_SEALS = fcntl.F_SEAL_SHRINK | fcntl.F_SEAL_GROW | fcntl.F_SEAL_SEAL


class SegmentError(Exception):
    """A received descriptor that is not a segment this side can safely map."""


class Segment(mmap.mmap):
    """A received segment, mapped copy-on-write: Python reads the host's memory without a
    copy, and what Python writes into an argument stays here, as with a copied argument. Its
    descriptor stays open while it lives (numpy arrays viewing it keep it alive), so a result
    that views it unchanged is sent back without a copy."""

    @classmethod
    def adopt(cls, fd):
        """Maps a received descriptor (now owned: closed with the segment, or at once),
        copy-on-write."""
        try:
            # Only a segment that cannot shrink is safe: a peer truncating it later would turn
            # reads of it into SIGBUS.
            if not fcntl.fcntl(fd, fcntl.F_GET_SEALS) & fcntl.F_SEAL_SHRINK:
                raise SegmentError("a shared-memory segment that is not sealed")
            size = os.fstat(fd).st_size
            if size == 0:
                raise SegmentError("an empty shared-memory segment")
            return cls._own(cls(fd, size, flags=mmap.MAP_PRIVATE), fd)
        except BaseException as exc:
            os.close(fd)
            if isinstance(exc, OSError):
                raise SegmentError(f"a shared-memory segment that cannot be mapped ({exc})") \
                    from None
            raise

    @staticmethod
    def _own(segment, fd):
        segment.fd = fd
        segment.address = None
        weakref.finalize(segment, os.close, fd)
        return segment

    def base_address(self):
        if self.address is None:
            import numpy
            self.address = numpy.frombuffer(self, numpy.uint8, count=1).ctypes.data
        return self.address


class SealedCopy:
    """A new sealed segment holding a copy of a buffer's bytes, to send and not to map here
    (Trailer.add_segment takes it as a Segment). The bytes go in with write(2): one copy, where
    filling a mapping of a new segment would also fault in and zero each of its pages."""

    __slots__ = ("fd", "_size", "__weakref__")

    def __init__(self, data):
        view = memoryview(data).cast("B")
        fd = os.memfd_create("pybridge-array", os.MFD_CLOEXEC | os.MFD_ALLOW_SEALING)
        try:
            written = 0
            while written < len(view):
                written += os.write(fd, view[written:])
            fcntl.fcntl(fd, fcntl.F_ADD_SEALS, _SEALS)
        except BaseException:
            os.close(fd)
            raise
        self.fd, self._size = fd, len(view)
        weakref.finalize(self, os.close, fd)

    def __len__(self):
        return self._size


def locate(array):
    """(segment, offset) of a C-contiguous numpy array whose memory is in a Segment as the
    host sees it (not written here), else None."""
    base = array
    while base is not None and not isinstance(base, Segment):
        base = base.obj if isinstance(base, memoryview) else getattr(base, "base", None)
    if base is None or not array.flags.c_contiguous:
        return None
    offset = array.ctypes.data - base.base_address()
    if offset < 0 or offset + array.nbytes > len(base):
        return None
    if _written(array.ctypes.data, array.nbytes):
        return None
    return base, offset


def _written(address, size):
    """True when this process wrote to a page of [address, address + size) of a
    copy-on-write mapping: the page is then private (not a file or shared page) in
    /proc/self/pagemap. True when that cannot be read."""
    import numpy
    page = mmap.PAGESIZE
    first, end = address // page, (address + size + page - 1) // page
    try:
        with open("/proc/self/pagemap", "rb", buffering=0) as pagemap:
            pagemap.seek(first * 8)
            entries = numpy.frombuffer(pagemap.read((end - first) * 8), numpy.uint64)
    except OSError:
        return True
    if len(entries) != end - first:
        return True
    present = entries >> numpy.uint64(63)
    shared = (entries >> numpy.uint64(61)) & numpy.uint64(1)
    return bool(numpy.any(present & (shared ^ numpy.uint64(1))))
