"""Who may talk to a worker's gRPC server: TLS (a server certificate, optionally a client
certificate signed by a given CA) and a token every RPC must carry.

A worker listening beyond this machine without both would run code for anyone who reaches
its port: it refuses to start so, unless told --insecure. The token comes from the
environment (PYBRIDGE_TOKEN, removed from it at once so the code the worker runs cannot read
it) and is never written anywhere; grpc_service.TokenCheck checks it on every RPC.
"""

import os

TOKEN_VARIABLE = "PYBRIDGE_TOKEN"
# The metadata key the host's runtime sends the token under (runtime/src/remote_endpoint.cpp).
TOKEN_HEADER = "authorization"
BEARER_PREFIX = "Bearer "


class InsecureListen(Exception):
    """A non-loopback address without TLS and a token, and no --insecure."""


def take_token(environ=os.environ):
    """The token from the environment, which no longer holds it; None when unset."""
    token = environ.pop(TOKEN_VARIABLE, "")
    return token or None


def is_loopback(address):
    """Whether a gRPC listen address (`unix:PATH`, `HOST:PORT`, `[V6]:PORT`) is reachable from
    this machine only."""
    if address.startswith(("unix:", "unix-abstract:")):
        return True
    host = address.rsplit(":", 1)[0] if ":" in address else address
    host = host.strip("[]")
    if host == "localhost":
        return True
    import ipaddress  # (here: local workers, on Unix sockets, never need it)
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a name: it may resolve to anything


def check_listen(address, tls, token, insecure):
    """Raises InsecureListen for a non-loopback address without TLS and a token."""
    if insecure or is_loopback(address) or (tls and token):
        return
    missing = " and ".join(what for what, have in (("TLS (--tls-cert, --tls-key)", tls),
                                                   (f"a token ({TOKEN_VARIABLE})", token))
                           if not have)
    raise InsecureListen(
        f"refusing to listen on {address} without {missing}: anyone who reaches it could run "
        "code as this user; add them, or pass --insecure on a network you trust")


def server_credentials(cert_file, key_file, client_ca_file=None):
    """gRPC server credentials from PEM files; with a client CA, clients must present a
    certificate it signed."""
    def read(path):
        with open(path, "rb") as file:
            return file.read()
    import grpc  # (here: local workers never import grpc)
    client_ca = read(client_ca_file) if client_ca_file else None
    return grpc.ssl_server_credentials([(read(key_file), read(cert_file))],
                                       root_certificates=client_ca,
                                       require_client_auth=client_ca is not None)
