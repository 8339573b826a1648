"""What the helper servers share: they start like workers (runtime/src/process.hpp)."""

import os
import threading

_READY_FD, _LIFELINE_FD = 3, 4


def ready():
    """Says "ready" on fd 3, and exits when fd 4, the lifeline, reaches end of file (the
    benchmark ended, however it ended)."""
    threading.Thread(target=_watch_lifeline, daemon=True).start()
    os.write(_READY_FD, b"ready\n")
    os.close(_READY_FD)


def _watch_lifeline():
    while os.read(_LIFELINE_FD, 1):
        pass
    os._exit(0)
