"""gRPC's standard health service (grpc.health.v1.Health), served by remote workers so that
load balancers and orchestrators can probe them with their usual clients. The service is
"" (the whole server) or the Worker service's full name; it is SERVING while the worker
serves. The pool's own heartbeat is a call (CallRequest op HEALTH) that the main thread
answers: that one notices a hung main thread."""

import threading

import grpc

import grpc_health_v1_pb2 as health_pb
import grpc_health_v1_pb2_grpc as health_grpc

from .wire import pb

SERVICE_NAME = "grpc.health.v1.Health"
_SERVING = health_pb.HealthCheckResponse.SERVING
_NOT_SERVING = health_pb.HealthCheckResponse.NOT_SERVING


class HealthService(health_grpc.HealthServicer):
    def __init__(self):
        self._services = {"", pb.DESCRIPTOR.services_by_name["Worker"].full_name}
        self._stopping = threading.Event()

    def stopping(self):
        """The worker is shutting down: probes read NOT_SERVING from now on."""
        self._stopping.set()

    def _status(self):
        return _NOT_SERVING if self._stopping.is_set() else _SERVING

    def Check(self, request, context):
        if request.service not in self._services:
            context.abort(grpc.StatusCode.NOT_FOUND, f"unknown service '{request.service}'")
        return health_pb.HealthCheckResponse(status=self._status())

    def Watch(self, request, context):
        if request.service not in self._services:
            yield health_pb.HealthCheckResponse(
                status=health_pb.HealthCheckResponse.SERVICE_UNKNOWN)
            return
        status = self._status()
        yield health_pb.HealthCheckResponse(status=status)
        while context.is_active():
            if self._stopping.wait(1.0) and status != _NOT_SERVING:
                status = _NOT_SERVING
                yield health_pb.HealthCheckResponse(status=status)


def add_health_service(server):
    service = HealthService()
    health_grpc.add_HealthServicer_to_server(service, server)
    return service
