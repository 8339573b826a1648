"""Starts a worker: the main loop, the gRPC server, readiness and the host lifeline."""

import os
import signal
import sys
import threading

from .allowlist import Allowlist
from .cancellation import Interrupter
from .dispatcher import Dispatcher
from .grpc_service import WorkerService, start_grpc_server
from .mainloop import MainLoop


def serve(args):
    _limit_library_threads()
    allowlist = Allowlist.parse(args.allow)
    holder = {}
    interrupter = Interrupter(poll_cancels=lambda: holder["loop"].poll_cancels())
    dispatcher = Dispatcher(allowlist, interrupter)
    loop = MainLoop(dispatcher, args.max_message)
    holder["loop"] = loop
    if args.fast_lane:
        loop.listen(args.fast_lane)
    grpc_server = start_grpc_server(
        args.listen, WorkerService(dispatcher, loop, _describer(allowlist)), args.max_message)
    if args.lifeline_fd is not None:
        _watch_lifeline(args.lifeline_fd)
    signal.signal(signal.SIGTERM, lambda *_: loop.stop())
    if args.ready_fd is not None:
        os.write(args.ready_fd, f"ready {os.getpid()}\n".encode())
        os.close(args.ready_fd)
    loop.serve_forever()
    grpc_server.stop(grace=0.5)
    return 0


def _describer(allowlist):
    def describe(path):
        from .describe import build_descriptor
        return build_descriptor(path, allowlist=allowlist.as_list())
    return describe


def _watch_lifeline(fd):
    """The host holds the write end; when it dies, for any reason, the read sees end of file."""
    def watch():
        while os.read(fd, 1):
            pass
        sys.stderr.flush()
        os._exit(0)
    threading.Thread(target=watch, name="lifeline", daemon=True).start()


def _limit_library_threads():
    # N workers each running a BLAS thread per core oversubscribe the machine; one thread per
    # worker unless the host's environment says otherwise.
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                 "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS"):
        os.environ.setdefault(name, "1")
