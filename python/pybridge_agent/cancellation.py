"""Interrupting the call that runs on the main thread: per-call timeouts and host cancels.

Calls run on the main thread, so a signal handler can raise inside them: SIGALRM for the
call's own deadline, SIGUSR1 when a host (or a gRPC thread) asks to cancel. Code blocked in C
(`time.sleep`, a socket read) is interrupted too; a C loop that never returns to Python is
not, and the host restarts such a worker after a grace period.

Both exceptions derive from BaseException, as KeyboardInterrupt does: library code that
catches `Exception` to carry on must not swallow the end of the call.
"""

import signal
import threading
import time


class CallCancelled(BaseException):
    """The host cancelled the call."""


class CallTimedOut(BaseException):
    """The call ran past its timeout."""


class Interrupter:
    def __init__(self, poll_cancels=None):
        self._poll_cancels = poll_cancels  # reads pending Cancel frames; returns call ids
        self._running = None  # call id of the call in user code, else None
        self._deadline = None  # its deadline
        self._outer = []  # (call id, deadline) of the calls it runs inside (host callbacks)
        self._cancelled = set()
        self._main = threading.main_thread().ident
        signal.signal(signal.SIGALRM, self._on_alarm)
        signal.signal(signal.SIGUSR1, self._on_cancel_signal)

    def request_cancel(self, call_id):
        """From any thread: cancel call_id if it runs now or later."""
        self._cancelled.add(call_id)
        if self._running == call_id:
            signal.pthread_kill(self._main, signal.SIGUSR1)

    def note_cancel(self, call_id):
        """A Cancel for call_id read by the main loop while the call waits for a host
        callback's answer: the wait checks it (no signal)."""
        self._cancelled.add(call_id)

    def consume_cancel(self, call_id, poll=True):
        """True once when call_id was cancelled (a stream checks this between items); `poll`
        first reads the Cancel frames that arrived."""
        if poll and self._poll_cancels is not None:
            self._cancelled.update(self._poll_cancels())
        if call_id in self._cancelled:
            self._cancelled.discard(call_id)
            return True
        return False

    def cancelled(self, call_id):
        """Whether a cancel for call_id is waiting (without consuming it)."""
        return call_id in self._cancelled

    def enter(self, call_id, deadline):
        """Marks call_id as running user code until leave(); deadline is monotonic or None.
        Calls nest: one a host callback makes runs inside the call that called it, and
        leave() gives the outer call back its own deadline."""
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise CallTimedOut("the call ran past its timeout")
            signal.setitimer(signal.ITIMER_REAL, remaining)
        self._outer.append((self._running, self._deadline))
        self._running, self._deadline = call_id, deadline

    def leave(self, deadline):
        if deadline is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
        self._running, self._deadline = self._outer.pop() if self._outer else (None, None)
        if self._deadline is not None:  # an outer call's time runs on (or is already up)
            signal.setitimer(signal.ITIMER_REAL,
                             max(self._deadline - time.monotonic(), 1e-6))

    def forget(self, call_id):
        self._cancelled.discard(call_id)

    def _on_alarm(self, signum, frame):
        if self._running is not None:
            raise CallTimedOut("the call ran past its timeout")

    def _on_cancel_signal(self, signum, frame):
        call_id = self._running
        if call_id is not None and self.consume_cancel(call_id):
            raise CallCancelled("the call was cancelled by the host")
