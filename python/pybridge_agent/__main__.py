"""Command line: `serve` a worker, or `describe` a module as JSON.

    python3 -m pybridge_agent serve [--fast-lane PATH] [--listen unix:PATH] [--ready-fd N]
                                    [--lifeline-fd N] [--parent-pid N] [--allow MODULES]
    python3 -m pybridge_agent serve --listen HOST:PORT --tls-cert PEM --tls-key PEM
                                    [--tls-client-ca PEM] [--insecure]   (PYBRIDGE_TOKEN set)
    python3 -m pybridge_agent describe PATH [--allow MODULES] [--module-hash]

Each path prints one line on stdout: its descriptor, or `{"describe_error": {"kind": ...,
"path": ..., "message": ..., <the kind's fields>}}` when it cannot be described (see
describe/errors.py; the exit status is then 2 and the message also goes to stderr).

A local worker serves its fast lane (a Unix socket) only; `--listen` adds the gRPC server
remote hosts use (it needs grpcio). A worker listening beyond loopback needs TLS and a token (the environment's PYBRIDGE_TOKEN,
which every RPC must carry) unless told --insecure (docs/runtime.md).

`--module-hash` adds "module_hash": the hash a worker computes for the module at run time
(`describe MODULE`), which differs from "hash" when PATH names a private member that
describing the path added (the clang plugin compiles this one in, for the drift check).
"""

import argparse
import os
import sys

from .allowlist import Allowlist

EXIT_DESCRIBE_FAILED = 2
EXIT_NO_GRPC = 3
EXIT_BAD_SETUP = 4


def main(argv=None):
    parser = argparse.ArgumentParser(prog="pybridge_agent")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run a worker")
    serve.add_argument("--listen", help="gRPC address: unix:PATH or HOST:PORT")
    serve.add_argument("--fast-lane", help="Unix socket path for length-prefixed frames")
    serve.add_argument("--ready-fd", type=int, help="write 'ready PID' here once serving")
    serve.add_argument("--lifeline-fd", type=int,
                       help="exit when this pipe reaches end of file (the host died)")
    serve.add_argument("--allow", default=os.environ.get("PYBRIDGE_ALLOW", ""),
                       help="comma-separated modules that may be imported")
    serve.add_argument("--max-message", type=int, default=256 << 20)
    serve.add_argument("--max-objects", type=int,
                       default=int(os.environ.get("PYBRIDGE_MAX_OBJECTS") or 0),
                       help="live objects the worker holds for hosts at most (0: no limit)")
    serve.add_argument("--object-ttl", type=float,
                       default=float(os.environ.get("PYBRIDGE_OBJECT_TTL_S") or 0),
                       help="release objects of remote hosts' Session streams unused for "
                            "this many seconds (0: never)")
    serve.add_argument("--tls-cert", help="PEM file of the server's certificate (chain)")
    serve.add_argument("--tls-key", help="PEM file of the server's private key")
    serve.add_argument("--tls-client-ca",
                       help="PEM file of a CA: clients must present a certificate it signed")
    serve.add_argument("--insecure", action="store_true",
                       help="listen beyond loopback without TLS and a token")
    serve.add_argument("--parent-pid", type=int,
                       help="the host's pid: die with it (the runtime passes its own)")

    describe = commands.add_parser("describe", help="print a module's descriptor as JSON")
    describe.add_argument("path", nargs="+")
    describe.add_argument("--allow", default=os.environ.get("PYBRIDGE_ALLOW", ""))
    describe.add_argument("--module-hash", action="store_true",
                          help="add the hash of the module as a worker describes it")

    args = parser.parse_args(argv)
    if args.command == "describe":
        return _describe(args)
    return _serve(args)


def _describe(args):
    import json
    from .describe import DescribeError, build_descriptor
    out = _claim_stdout()
    allowlist = Allowlist.parse(args.allow).as_list()
    status = 0
    for path in args.path:
        try:
            descriptor = build_descriptor(path, allowlist=allowlist)
        except DescribeError as exc:
            # People read stderr; the plugin reads the failure's kind and fields on stdout.
            print(f"pybridge_agent: {exc}", file=sys.stderr)
            json.dump({"describe_error": exc.to_json(path)}, out, separators=(",", ":"))
            out.write("\n")
            out.flush()
            status = EXIT_DESCRIBE_FAILED
            continue
        if args.module_hash:
            descriptor = dict(descriptor, module_hash=_module_hash(descriptor, allowlist))
        json.dump(descriptor, out, separators=(",", ":"))
        out.write("\n")
        out.flush()
    return status


def _claim_stdout():
    """Stdout carries the JSON alone: keep a private copy of fd 1 for it and point fd 1 at
    stderr for the rest of the run, so nothing a library prints can corrupt the answer
    (print, os.write(1, ...), C code, or a child process it starts). The copy is not
    inherited by children."""
    sys.stdout.flush()
    out = os.dup(1)
    os.dup2(2, 1)
    return os.fdopen(out, "w", encoding="utf-8")


def _module_hash(descriptor, allowlist):
    """The module's own hash: members beyond its public names were added because the path
    asked for them, and a worker describing the module alone does not see them."""
    from .describe import build_descriptor
    from .describe.members import module_member_names
    module = sys.modules.get(descriptor["module"])
    extra = module is not None and set(descriptor["root"]["members"]) - set(
        module_member_names(module))
    if not extra:
        return descriptor["hash"]
    return build_descriptor(descriptor["module"], allowlist=allowlist)["hash"]


def _serve(args):
    if not args.listen and not args.fast_lane:
        print("pybridge_agent: serve needs --fast-lane, --listen or both", file=sys.stderr)
        return EXIT_BAD_SETUP
    if args.listen:
        try:
            import grpc  # noqa: F401  (checked first: a remote worker's one extra dependency)
        except ImportError:
            print(f"pybridge_agent: {sys.executable} cannot import grpc, which a worker serving "
                  "remote hosts (--listen) needs; install python3-grpcio, or use an interpreter "
                  "that has it", file=sys.stderr)
            return EXIT_NO_GRPC
    from .credentials import InsecureListen
    from .server import serve
    if bool(args.tls_cert) != bool(args.tls_key):
        print("pybridge_agent: --tls-cert and --tls-key go together", file=sys.stderr)
        return EXIT_BAD_SETUP
    try:
        return serve(args)
    except InsecureListen as exc:
        print(f"pybridge_agent: {exc}", file=sys.stderr)
        return EXIT_BAD_SETUP


if __name__ == "__main__":
    sys.exit(main())
