"""The gRPC face of a worker: Describe and Health here, calls handed to the main thread."""

import concurrent.futures
import itertools
import json
import os
import sys

import grpc

import pybridge_pb2_grpc

from .wire import pb


class WorkerService(pybridge_pb2_grpc.WorkerServicer):
    def __init__(self, dispatcher, mainloop, describe):
        self._dispatcher = dispatcher
        self._mainloop = mainloop
        self._describe = describe
        self._keys = itertools.count(1)

    def Describe(self, request, context):
        try:
            return pb.DescribeReply(json=json.dumps(self._describe(request.path)))
        except Exception as exc:  # every describe failure is the caller's to read
            context.abort(grpc.StatusCode.FAILED_PRECONDITION, f"{type(exc).__name__}: {exc}")

    def Health(self, request, context):
        return pb.HealthReply(
            pid=os.getpid(),
            python_version=sys.version.split()[0],
            calls_served=self._dispatcher.calls_served,
            objects_held=len(self._dispatcher.registry),
            rss_bytes=_rss_bytes())

    def Call(self, request, context):
        if request.op == pb.CallRequest.STREAM:
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, "streams need the Session stream")
        key = ("grpc", next(self._keys))
        done = concurrent.futures.Future()

        def run():
            done.set_result(self._dispatcher.run(request, None, key=key))

        def on_rpc_end():  # also runs after a normal end, when there is nothing to cancel
            if not done.done():
                self._dispatcher.interrupter.request_cancel(key)

        context.add_callback(on_rpc_end)
        self._mainloop.submit(run)
        return done.result()


def _rss_bytes():
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


def start_grpc_server(address, service, max_message):
    options = [("grpc.max_receive_message_length", max_message),
               ("grpc.max_send_message_length", max_message)]
    server = grpc.server(concurrent.futures.ThreadPoolExecutor(max_workers=4), options=options)
    pybridge_pb2_grpc.add_WorkerServicer_to_server(service, server)
    if server.add_insecure_port(address) == 0:
        raise OSError(f"cannot listen on {address}")
    server.start()
    return server
