"""Baseline (b): a grpcio unary echo on a Unix socket (bench/echo.proto, Echo.Unary).

The usual way to serve a Python function over gRPC: a sync grpcio server with a thread pool.
Started like a worker (_child.py).
"""

import os
import sys
from concurrent import futures

import grpc

import _child
import echo_pb2
import echo_pb2_grpc


class Echo(echo_pb2_grpc.EchoServicer):
    def Unary(self, request, context):
        return echo_pb2.Blob(data=request.data)


def main():
    path = sys.argv[1]
    if os.path.exists(path):
        os.unlink(path)
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    echo_pb2_grpc.add_EchoServicer_to_server(Echo(), server)
    server.add_insecure_port("unix:" + path)
    server.start()
    _child.ready()
    server.wait_for_termination()


if __name__ == "__main__":
    main()
