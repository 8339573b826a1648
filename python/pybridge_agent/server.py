"""Starts a worker: the main loop, the gRPC server, readiness and the host lifeline."""

import faulthandler
import fcntl
import os
import signal
import sys
import threading
import time

from . import wire
from .allowlist import Allowlist
from .cancellation import Interrupter
from .credentials import check_listen, server_credentials, take_token
from .dispatcher import Dispatcher
from .mainloop import MainLoop


def serve(args):
    if args.parent_pid is not None:
        _die_with_parent(args.parent_pid)
    token = take_token()  # (before any user code runs, which could read the environment)
    if args.listen:
        check_listen(args.listen, bool(args.tls_cert), bool(token), args.insecure)
    _limit_library_threads()
    # A crash in C code prints the crashing (main) thread's Python stack to the host's log.
    faulthandler.enable(all_threads=False)
    allowlist = Allowlist.parse(args.allow)
    holder = {}
    interrupter = Interrupter(poll_cancels=lambda: holder["loop"].poll_cancels())
    dispatcher = Dispatcher(allowlist, interrupter, max_objects=args.max_objects)
    loop = MainLoop(dispatcher, args.max_message)
    holder["loop"] = loop
    if args.fast_lane:
        loop.listen(args.fast_lane)
    grpc_server = _start_grpc(args, dispatcher, loop, allowlist, token) if args.listen else None
    if grpc_server is not None and args.object_ttl > 0:
        _expire_leaked_objects(dispatcher.registry, loop, args.object_ttl)
    if args.lifeline_fd is not None:
        _watch_lifeline(args.lifeline_fd)
    signal.signal(signal.SIGTERM, lambda *_: loop.stop())
    if args.ready_fd is not None:
        os.write(args.ready_fd, f"ready {os.getpid()}\n".encode())
        os.close(args.ready_fd)
    loop.serve_forever()
    if grpc_server is not None:
        grpc_server.stop(grace=0.5)
    return 0


def _start_grpc(args, dispatcher, loop, allowlist, token):
    """The gRPC server remote hosts reach (local workers have only the fast lane, and never
    import grpc)."""
    from .grpc_service import WorkerService, start_grpc_server
    credentials = (server_credentials(args.tls_cert, args.tls_key, args.tls_client_ca)
                   if args.tls_cert else None)
    return start_grpc_server(
        args.listen, WorkerService(dispatcher, loop, _describer(allowlist)), args.max_message,
        credentials, token)


def _expire_leaked_objects(registry, loop, ttl):
    """Objects a remote host's Session stream left unused for `ttl` seconds are released (on
    the main thread, between calls): a host that leaks handles cannot fill the worker. The
    session keys of Session streams are (stream, session) tuples; local hosts' are ints."""
    registry.expire_after(ttl)

    def sweep():
        registry.expire(lambda session: isinstance(session, tuple))

    def tick():
        while True:
            time.sleep(max(ttl / 4, 0.05))
            loop.submit(sweep)

    threading.Thread(target=tick, name="object-ttl", daemon=True).start()


def _describer(allowlist):
    def describe(path):
        from .describe import build_descriptor
        return build_descriptor(path, allowlist=allowlist.as_list())
    return describe


_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent_pid):
    """Asks the kernel for a signal when the host's thread that spawned this process ends (the
    runtime spawns from a thread that lives as long as the host). A worker leading its own
    process group gets a signal whose handler (native C, no GIL) kills the whole group, so
    what it started goes too; else, or without the native module, SIGKILL. Neither needs the
    lifeline's SIGIO, which code a call runs may ignore. A host that died before this took
    effect left us to another parent: then exit at once."""
    try:
        if wire.native is not None:
            group = os.getpgrp() == os.getpid()
            wire.native.die_with_parent(_GROUP_DEATH_SIGNAL if group else signal.SIGKILL, group)
        else:
            import ctypes
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # not Linux: the lifeline still ends the worker
    if os.getppid() != parent_pid:
        os._exit(1)


# A real-time signal no library uses: it stands for the host's death (its handler kills the
# worker's process group).
_GROUP_DEATH_SIGNAL = signal.SIGRTMAX - 2


def _watch_lifeline(fd):
    """The host holds the write end; when it dies, for any reason, the pipe reaches end of file.

    Two mechanisms, because either alone can miss: the kernel sends SIGIO (default action:
    terminate) to the whole process group the moment the last writer closes, even while the
    main thread holds the GIL in C code; a thread reading the pipe covers a SIGIO that user code
    blocked or handled."""
    leader = os.getpgrp() == os.getpid()  # spawned by the runtime: our own process group
    try:
        fcntl.fcntl(fd, fcntl.F_SETOWN, -os.getpgrp() if leader else os.getpid())
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) | os.O_ASYNC)
    except OSError:
        pass  # no O_ASYNC on this pipe: the thread below still ends the worker

    def watch():
        while os.read(fd, 1):
            pass
        sys.stderr.flush()
        if leader:  # children the Python code started go with us
            os.killpg(os.getpgrp(), signal.SIGKILL)
        os._exit(0)
    threading.Thread(target=watch, name="lifeline", daemon=True).start()


def _limit_library_threads():
    # N workers each running a BLAS thread per core oversubscribe the machine; one thread per
    # worker unless the host's environment says otherwise.
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                 "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS"):
        os.environ.setdefault(name, "1")
