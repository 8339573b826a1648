"""The agent's own log lines (the host passes them on): one line per event, rate-limited
where a peer can repeat the event at will."""

import sys
import threading
import time


class RateLimited:
    """Writes at most one line per `interval` seconds; the next line written says how many
    were left out meanwhile. 2,000 malformed frames cost one line, not 2,000 tracebacks."""

    def __init__(self, interval=10.0, clock=time.monotonic, out=None):
        self._interval = interval
        self._clock = clock
        self._out = out
        self._next = None  # when the next line may be written
        self._left_out = 0
        self._lock = threading.Lock()  # gRPC threads report too

    def __call__(self, line):
        now = self._clock()
        with self._lock:
            if self._next is not None and now < self._next:
                self._left_out += 1
                return
            left_out, self._left_out = self._left_out, 0
            self._next = now + self._interval
        if left_out:
            line += f" (and {left_out} more like it, not shown)"
        print(line, file=self._out or sys.stderr, flush=True)
