"""Python objects held for the host, by handle id, grouped by session."""

import itertools
import threading


class ObjectLost(Exception):
    """The host named a handle this worker does not hold (released, or held by a dead worker)."""


class ObjectRegistry:
    """Every object handed to the host gets a fresh id; the host releases each id once."""

    def __init__(self):
        self._objects = {}   # id -> (session_id, object)
        self._sessions = {}  # session_id -> set of ids
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def put(self, session_id, obj):
        with self._lock:
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
        with self._lock:
            for obj_id in self._sessions.pop(session_id, ()):
                self._objects.pop(obj_id, None)

    def __len__(self):
        return len(self._objects)
