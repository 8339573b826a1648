"""Baseline (b): a grpcio unary echo on a Unix socket (bench/echo.proto, Echo.Unary).

The usual way to serve a Python function over gRPC: a sync grpcio server with a thread pool.
Started like a worker (runtime/src/process.hpp): writes "ready" to fd 3 once listening and
exits when fd 4, the lifeline, reaches end of file.
"""

import os
import sys
import threading
from concurrent import futures

import grpc

import echo_pb2
import echo_pb2_grpc


class Echo(echo_pb2_grpc.EchoServicer):
    def Unary(self, request, context):
        return echo_pb2.Blob(data=request.data)


def _watch_lifeline():
    while os.read(4, 1):
        pass
    os._exit(0)


def main():
    path = sys.argv[1]
    if os.path.exists(path):
        os.unlink(path)
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    echo_pb2_grpc.add_EchoServicer_to_server(Echo(), server)
    server.add_insecure_port("unix:" + path)
    server.start()
    threading.Thread(target=_watch_lifeline, daemon=True).start()
    os.write(3, b"ready\n")
    os.close(3)
    server.wait_for_termination()


if __name__ == "__main__":
    main()
