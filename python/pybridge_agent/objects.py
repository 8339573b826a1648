"""Python objects held for the host, by handle id, grouped by session; and moving an object
to another worker (pickled by one, unpickled by the other)."""

import io
import itertools
import pickle
import threading


class ObjectLost(Exception):
    """The host named a handle this worker does not hold (released, or held by a dead worker)."""


class ObjectRegistry:
    """Every object handed to the host gets a fresh id; the host releases each id once.

    A session is any hashable key (the host's session id; a gRPC stream's (stream, id)); 0 is
    no session. A closed session takes no new objects: a call racing the host's close would
    otherwise register objects nobody releases."""

    def __init__(self):
        self._objects = {}   # id -> (session_id, object)
        self._sessions = {}  # session_id -> set of ids
        self._closed = set()  # sessions closed by the host (a few bytes each)
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def put(self, session_id, obj):
        with self._lock:
            if session_id in self._closed:
                raise ObjectLost(f"session {session_id} was closed by the host: the call's "
                                 "result cannot be held in it")
            obj_id = next(self._ids)
            self._objects[obj_id] = (session_id, obj)
            self._sessions.setdefault(session_id, set()).add(obj_id)
            return obj_id

    def get(self, obj_id):
        try:
            return self._objects[obj_id][1]
        except KeyError:
            raise ObjectLost(f"object #{obj_id} is not held by this worker "
                             "(released already, or lost with a restarted worker)") from None

    def release(self, obj_ids):
        with self._lock:
            for obj_id in obj_ids:
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

    def forget_closed(self, session_ids):
        """Sessions whose keys can never come again (their gRPC stream ended)."""
        with self._lock:
            self._closed.difference_update(session_ids)

    def __len__(self):
        return len(self._objects)


# What pickle itself names to rebuild ordinary objects (protocol 2 and later).
_PICKLE_HELPERS = frozenset(("_reconstructor", "__newobj__", "__newobj_ex__"))


def export_object(obj):
    """The bytes that rebuild `obj` on another worker (import_object); raises what pickle raises
    for an object that cannot move (a generator, a lock, a lambda)."""
    return pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)


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
