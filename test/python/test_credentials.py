"""Remote workers with credentials: TLS (with client certificates on demand), a token every
RPC must carry, no listening beyond loopback without both unless told --insecure, and the
token in no log line, no error message and not in the environment of the code the worker
runs. Certificates are made for the test with openssl (test/fixtures/make-test-certs.sh)."""

import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import grpc
import pytest

import pybridge_pb2_grpc
from pybridge_agent.credentials import InsecureListen, check_listen, is_loopback
from pybridge_agent.wire import pb

CERT_SCRIPT = Path(__file__).resolve().parents[1] / "fixtures" / "make-test-certs.sh"


@pytest.fixture(scope="module")
def certs(tmp_path_factory):
    directory = tmp_path_factory.mktemp("certs")
    subprocess.run(["sh", str(CERT_SCRIPT), str(directory)], check=True, capture_output=True)
    return directory


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Worker:
    """An agent serving gRPC on a loopback port; its output kept for inspection."""

    def __init__(self, tmp_path, *args, token=None):
        self.port = free_port()
        self.log = tmp_path / f"worker-{self.port}.log"
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
        env.pop("PYBRIDGE_TOKEN", None)
        if token:
            env["PYBRIDGE_TOKEN"] = token
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "pybridge_agent", "serve", "--listen",
                 f"127.0.0.1:{self.port}", *map(str, args)], env=env, stderr=log)
        deadline = time.monotonic() + 20
        while not _accepts(self.port):
            assert self.process.poll() is None, self.log.read_text()
            assert time.monotonic() < deadline, "the worker did not start"
            time.sleep(0.05)

    def stop(self):
        self.process.kill()
        self.process.wait()
        return self.log.read_text()


def _accepts(port):
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def channel(port, certs=None, client=False):
    if certs is None:
        return grpc.insecure_channel(f"127.0.0.1:{port}")
    read = lambda name: (certs / name).read_bytes()  # noqa: E731
    credentials = grpc.ssl_channel_credentials(
        read("ca.pem"), *((read("client.key"), read("client.pem")) if client else ()))
    return grpc.secure_channel(f"127.0.0.1:{port}", credentials)


def health(chan, token=None):
    metadata = [("authorization", f"Bearer {token}")] if token else None
    return pybridge_pb2_grpc.WorkerStub(chan).Call(pb.CallRequest(op=pb.CallRequest.HEALTH),
                                                   metadata=metadata, timeout=10).health


# -- where a worker may listen ----------------------------------------------------------------

@pytest.mark.parametrize("address, loopback", [
    ("unix:/tmp/w.grpc", True), ("127.0.0.1:7000", True), ("127.8.9.1:7000", True),
    ("localhost:7000", True), ("[::1]:7000", True), ("0.0.0.0:7000", False),
    ("[::]:7000", False), ("10.0.0.5:7000", False), ("workers.internal:7000", False),
])
def test_loopback_addresses(address, loopback):
    assert is_loopback(address) == loopback


def test_beyond_loopback_needs_tls_and_a_token_or_insecure():
    with pytest.raises(InsecureListen, match="without TLS .* and a token"):
        check_listen("0.0.0.0:7000", tls=False, token=False, insecure=False)
    with pytest.raises(InsecureListen, match="without a token"):
        check_listen("0.0.0.0:7000", tls=True, token=False, insecure=False)
    check_listen("0.0.0.0:7000", tls=True, token=True, insecure=False)
    check_listen("0.0.0.0:7000", tls=False, token=False, insecure=True)
    check_listen("127.0.0.1:7000", tls=False, token=False, insecure=False)


def test_the_worker_refuses_to_start_beyond_loopback_without_them():
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    env.pop("PYBRIDGE_TOKEN", None)
    done = subprocess.run([sys.executable, "-m", "pybridge_agent", "serve", "--listen",
                           "0.0.0.0:0"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 4
    assert "refusing to listen on 0.0.0.0:0 without TLS" in done.stderr
    assert "--insecure" in done.stderr


# -- TLS and the token ------------------------------------------------------------------------

def test_tls_and_the_token_on_every_rpc(certs, tmp_path):
    token = secrets.token_hex(16)
    wrong = secrets.token_hex(16)
    worker = Worker(tmp_path, "--tls-cert", certs / "server.pem", "--tls-key",
                    certs / "server.key", token=token)
    try:
        with channel(worker.port, certs) as chan:
            assert health(chan, token).pid == worker.process.pid
            for attempt in (None, wrong):
                with pytest.raises(grpc.RpcError) as refused:
                    health(chan, attempt)
                assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
                assert token not in refused.value.details()
                assert wrong not in refused.value.details()
            # The code a call runs cannot read the token from the environment.
            stub = pybridge_pb2_grpc.WorkerStub(chan)
            request = pb.CallRequest(call_id=1, target="os.getenv")
            request.args.add().value.str_value = "PYBRIDGE_TOKEN"
            reply = stub.Call(request, metadata=[("authorization", f"Bearer {token}")],
                              timeout=10)
            assert reply.result.WhichOneof("kind") in (None, "none"), reply
        with channel(worker.port) as plain:  # no TLS: no connection
            with pytest.raises(grpc.RpcError) as refused:
                health(plain, token)
            assert refused.value.code() == grpc.StatusCode.UNAVAILABLE
    finally:
        log = worker.stop()
    assert token not in log and wrong not in log


def test_client_certificates_when_the_worker_asks_for_them(certs, tmp_path):
    token = secrets.token_hex(16)
    worker = Worker(tmp_path, "--tls-cert", certs / "server.pem", "--tls-key",
                    certs / "server.key", "--tls-client-ca", certs / "ca.pem", token=token)
    try:
        with channel(worker.port, certs, client=True) as chan:
            assert health(chan, token).pid == worker.process.pid
        with channel(worker.port, certs, client=False) as chan:
            with pytest.raises(grpc.RpcError) as refused:
                health(chan, token)
            assert refused.value.code() == grpc.StatusCode.UNAVAILABLE
    finally:
        worker.stop()


# -- gRPC's standard health service -----------------------------------------------------------

# grpc.health.v1 on the wire, written out here rather than generated, as any client of the
# standard protocol sends it: HealthCheckRequest{service} and HealthCheckResponse{status}.
_CHECK = "/grpc.health.v1.Health/Check"
_SERVING = b"\x08\x01"  # status = SERVING (1)


def _health_request(service=""):
    data = service.encode()
    return (b"\x0a" + bytes([len(data)]) + data) if data else b""


def standard_health_check(chan, service=""):
    check = chan.unary_unary(_CHECK, request_serializer=None, response_deserializer=None)
    return check(_health_request(service), timeout=10)


def test_the_standard_health_service_answers_plain_probes(tmp_path):
    worker = Worker(tmp_path)
    try:
        with channel(worker.port) as chan:
            assert standard_health_check(chan) == _SERVING
            assert standard_health_check(chan, "pybridge.v1.Worker") == _SERVING
            with pytest.raises(grpc.RpcError) as unknown:
                standard_health_check(chan, "no.such.Service")
            assert unknown.value.code() == grpc.StatusCode.NOT_FOUND
            # The generated stub of the same proto reads the same answer.
            import grpc_health_v1_pb2 as health_pb
            import grpc_health_v1_pb2_grpc as health_grpc
            answer = health_grpc.HealthStub(chan).Check(health_pb.HealthCheckRequest(),
                                                        timeout=10)
            assert answer.status == health_pb.HealthCheckResponse.SERVING
    finally:
        worker.stop()


def test_health_probes_need_no_token_but_everything_else_does(certs, tmp_path):
    """Load balancers and orchestrators probe without the worker's secret; they learn only
    that it serves."""
    token = secrets.token_hex(16)
    worker = Worker(tmp_path, "--tls-cert", certs / "server.pem", "--tls-key",
                    certs / "server.key", token=token)
    try:
        with channel(worker.port, certs) as chan:
            assert standard_health_check(chan) == _SERVING
            with pytest.raises(grpc.RpcError) as refused:
                health(chan)
            assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
    finally:
        worker.stop()
