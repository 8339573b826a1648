"""Python objects held for the host, by handle id, grouped by session; and moving an object
to another worker (pickled by one, unpickled by the other)."""

import io
import itertools
import pickle
import sys
import threading
import time


class ObjectLost(Exception):
    """The host named a handle this worker does not hold (released, or held by a dead worker)."""


class TooManyObjects(Exception):
    """The worker holds as many objects as its limit (serve --max-objects) allows."""


class ObjectRegistry:
    """Every object handed to the host gets a fresh id; the host releases each id once.

    A session is any hashable key (the host's session id; a gRPC stream's (stream, id)); 0 is
    no session. A closed session takes no new objects: a call racing the host's close would
    otherwise register objects nobody releases."""

    def __init__(self, max_objects=0):
        self._max_objects = max_objects  # 0: no limit
        self._objects = {}   # id -> (session_id, object)
        self._sessions = {}  # session_id -> set of ids
        self._closed = set()  # sessions closed by the host (a few bytes each)
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._ttl = 0          # expire(): seconds unused after which a stream's object goes
        self._used = {}        # id -> monotonic time of its last use (only with a TTL)
        self._expired = set()  # ids expire() released, for a clear error when one comes back

    def put(self, session_id, obj):
        with self._lock:
            if session_id in self._closed:
                raise ObjectLost(f"session {session_id} was closed by the host: the call's "
                                 "result cannot be held in it")
            if self._max_objects and len(self._objects) >= self._max_objects:
                raise TooManyObjects(
                    f"the worker holds {len(self._objects)} objects, its limit "
                    "(Options::max_objects, PYBRIDGE_MAX_OBJECTS): release some (destroy "
                    "pybridge::Object values, close sessions) before making more")
            obj_id = next(self._ids)
            self._objects[obj_id] = (session_id, obj)
            if self._ttl:
                self._used[obj_id] = time.monotonic()
            self._sessions.setdefault(session_id, set()).add(obj_id)
            return obj_id

    def get(self, obj_id):
        try:
            obj = self._objects[obj_id][1]
        except KeyError:
            if obj_id in self._expired:
                raise ObjectLost(f"object #{obj_id} was released by the worker after "
                                 f"{self._ttl:g} s unused (its --object-ttl)") from None
            raise ObjectLost(f"object #{obj_id} is not held by this worker "
                             "(released already, or lost with a restarted worker)") from None
        if self._ttl:
            self._used[obj_id] = time.monotonic()
        return obj

    def expire_after(self, ttl):
        """From now on, expire() may release objects unused for `ttl` seconds."""
        self._ttl = ttl

    def expire(self, leaked, now=None):
        """Releases the objects of sessions `leaked(session)` selects that went unused for
        the TTL (a remote host that holds handles and never releases them); returns how
        many. Their ids are remembered, so a late use reads why it failed."""
        now = time.monotonic() if now is None else now
        with self._lock:
            stale = [obj_id for obj_id, (session, _) in self._objects.items()
                     if leaked(session) and now - self._used.get(obj_id, now) > self._ttl]
            for obj_id in stale:
                session, _ = self._objects.pop(obj_id)
                self._used.pop(obj_id, None)
                self._sessions.get(session, set()).discard(obj_id)
                self._expired.add(obj_id)
        return len(stale)

    def release(self, obj_ids):
        with self._lock:
            for obj_id in obj_ids:
                self._used.pop(obj_id, None)
                entry = self._objects.pop(obj_id, None)
                if entry is not None:
                    self._sessions.get(entry[0], set()).discard(obj_id)

    def close_session(self, session_id):
        """Drops the session's objects; it takes no new ones (unless forgotten)."""
        with self._lock:
            if session_id:
                self._closed.add(session_id)
            for obj_id in self._sessions.pop(session_id, ()):
                self._objects.pop(obj_id, None)
                self._used.pop(obj_id, None)

    def forget_closed(self, session_ids):
        """Sessions whose keys can never come again (their gRPC stream ended)."""
        with self._lock:
            self._closed.difference_update(session_ids)

    def only_holder_of(self, obj):
        """Whether nothing but this registry, under one handle, refers to `obj` (a caller's
        local variable aside)."""
        with self._lock:
            handles = sum(1 for _, held in self._objects.values() if held is obj)
        # The registry's entry, the caller's variable, ours, and getrefcount's argument.
        return handles == 1 and sys.getrefcount(obj) <= 4

    def identities(self):
        """The id() of every object held that compares by identity."""
        with self._lock:
            return {id(held) for _, held in self._objects.values()
                    if not compares_by_value(held)}

    def __len__(self):
        return len(self._objects)


# What pickle itself names to rebuild ordinary objects (protocol 2 and later).
_PICKLE_HELPERS = frozenset(("_reconstructor", "__newobj__", "__newobj_ex__"))


def export_object(registry, obj_id, moving):
    """The bytes that rebuild object `obj_id` on another worker (import_object); raises what
    pickle raises for an object that cannot be pickled (a generator, a lock, a lambda).

    A move (`moving`: the host then uses the copy in its place) must not split one object in
    two: the reason is returned (a str) instead of bytes when the copy would be a different
    object to someone — the object compares by identity and other objects here use it, or it
    contains an object the host also holds that compares by identity."""
    obj = registry.get(obj_id)
    if not moving:
        return pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    if not compares_by_value(obj) and not registry.only_holder_of(obj):
        return (f"it compares by identity and other objects on its worker use it (a copy "
                f"would be another {type(obj).__qualname__})")
    out = io.BytesIO()
    try:
        _MovingPickler(out, obj, registry.identities()).dump(obj)
    except _HeldInside as inside:
        return str(inside)
    return out.getvalue()


def compares_by_value(obj):
    """Whether a copy is as good as the object: it defines equality and is hashable (immutable,
    by Python's convention), like numbers, strings, Fractions and sympy expressions."""
    cls = type(obj)
    return cls.__eq__ is not object.__eq__ and cls.__hash__ is not None


class _HeldInside(Exception):
    pass


class _MovingPickler(pickle.Pickler):
    """Refuses objects inside the moving one that the host holds too and that compare by
    identity: the host's handle and the moved copy would then be two objects."""

    def __init__(self, file, root, held):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._root = root
        self._held = held

    def persistent_id(self, obj):
        if id(obj) in self._held and obj is not self._root:
            raise _HeldInside(f"it refers to a {type(obj).__qualname__} the program also "
                              "holds, which would be copied with it")
        return None


def import_object(data, allowlist):
    """Rebuilds an object export_object() made. Only classes and functions of the modules the
    allowlist admits are looked up (builtins by the allowlist's own rules), so moving an object
    reaches nothing a call could not name."""
    return _AllowlistUnpickler(io.BytesIO(data), allowlist).load()


class _AllowlistUnpickler(pickle.Unpickler):
    def __init__(self, file, allowlist):
        super().__init__(file)
        self._allowlist = allowlist

    def find_class(self, module, name):
        if self._allowlist.active:
            if module == "builtins":
                self._allowlist.check_builtin(name)
            elif not (module == "copyreg" and name in _PICKLE_HELPERS):
                self._allowlist.check(module)
        return super().find_class(module, name)
