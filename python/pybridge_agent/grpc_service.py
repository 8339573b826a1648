"""The gRPC face of a worker (remote hosts): Describe here; a Session stream's frames handed to
the main thread, where the core runs them (core.py); gRPC's standard health service beside it
(health.py)."""

import concurrent.futures
import functools
import itertools
import json
import queue
import threading

import grpc

import pybridge_pb2_grpc

from .core import Peer
from .credentials import BEARER_PREFIX, TOKEN_HEADER, TOKEN_VARIABLE
from .decoding import decode_frame
from .health import SERVICE_NAME as HEALTH_SERVICE, add_health_service
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

    def Call(self, request, context):
        if request.op == pb.CallRequest.STREAM:
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, "streams need the Session stream")
        key = ("grpc", next(self._keys))
        done = concurrent.futures.Future()

        def run():
            done.set_result(self._dispatcher.run(request, key))

        def on_rpc_end():  # also runs after a normal end, when there is nothing to cancel
            if not done.done():
                self._dispatcher.interrupter.request_cancel(key)

        context.add_callback(on_rpc_end)
        self._mainloop.submit(run)
        return done.result()

    def Session(self, request_iterator, context):
        """Frames both ways on one stream (remote hosts' calls): calls run on the main thread
        in arrival order; items and replies go back as they are produced; a Cancel reaches
        the running call at once. Objects stay with the worker, so a host keeps one stream
        per remote worker for its life."""
        return _SessionStream(self, next(self._keys), context).run(request_iterator)


# Stream items waiting in a Session's outgoing queue: a stream waits above the limit and goes
# on once the queue is down to the low mark (so a host that reads slowly holds little here).
_QUEUE_LIMIT = 64
_QUEUE_LOW = 16


class _SessionStream(Peer):
    """One host's Session stream: a reader thread hands its frames to the main thread (the
    core runs them); replies and items go back through a queue as they are produced. Its
    session ids and objects are its own (the Peer's scope): everything its calls registered
    is released when it ends."""

    _END = object()

    def __init__(self, service, stream_id, context):
        super().__init__(("grpc", stream_id), scope=stream_id)
        self._dispatcher = service._dispatcher
        self._mainloop = service._mainloop
        self._core = service._mainloop.core
        self._out = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._pending = set()  # ids of calls read and not answered
        self._reading = True
        self._blocked = False  # a stream waits for the queue to drain
        self._sessions = set()  # registry session keys its calls used (main thread)
        self._context = context
        context.add_callback(self._rpc_ended)

    def run(self, request_iterator):
        threading.Thread(target=self._read, args=(request_iterator,), name="session-reader",
                         daemon=True).start()
        while True:
            frame = self._out.get()
            if frame is self._END:
                return
            if self._blocked and self._out.qsize() <= _QUEUE_LOW:
                self._blocked = False
                self._mainloop.submit(_nothing)  # wakes the main loop: the stream goes on
            yield frame

    # -- Peer (core.py), on the main thread -------------------------------------------------

    def session(self, session_id):
        session = super().session(session_id)
        self._sessions.add(session)
        return session

    def answer(self, call_id, frame, trailer=None):
        self._out.put(frame)
        with self._lock:
            self._pending.discard(call_id)
            last = not self._pending and not self._reading
        if last:
            self._out.put(self._END)

    def distrust(self):
        self._context.cancel()

    # The sink of stream items.

    def send_item(self, frame, trailer=None):
        self._out.put(frame)

    def ready(self):
        if self._out.qsize() < _QUEUE_LIMIT:
            return True
        self._blocked = True
        return self._out.qsize() < _QUEUE_LIMIT  # (drained meanwhile: no wake-up comes)

    # -- the reader thread ------------------------------------------------------------------

    def _read(self, request_iterator):
        try:
            for frame in request_iterator:
                self._take(frame)
        except Exception:  # the host cancelled the stream or went away
            pass
        with self._lock:
            self._reading = False
            idle = not self._pending
        if idle:
            self._out.put(self._END)

    def _take(self, frame):
        kind = frame.WhichOneof("kind")
        if kind == "cancel":
            # Interrupts the call at once if it runs; a stream waiting for credit sees it when
            # woken; a call not started yet is answered without running.
            self._dispatcher.interrupter.request_cancel((self.id, frame.cancel.call_id))
            self._mainloop.submit(_nothing)
            return
        if kind == "call" or (kind == "bad_frame" and frame.call_id):
            call_id = frame.call.call_id if kind == "call" else frame.call_id
            with self._lock:
                self._pending.add(call_id)  # to be answered: the RPC ends after the last
        self._mainloop.submit(functools.partial(self._core.handle, self, frame))

    # -- the main thread --------------------------------------------------------------------

    def _release_all(self):
        """The stream is over: its streams stop, its sessions' objects go."""
        self._core.abandon(self)
        registry = self._dispatcher.registry
        for session in self._sessions:
            registry.close_session(session)
        registry.forget_closed(self._sessions)
        self._sessions.clear()

    # -- gRPC's thread ----------------------------------------------------------------------

    def _rpc_ended(self):
        """The RPC is over (also after a normal end): stop what still runs for it."""
        self.ended = True
        with self._lock:
            pending = list(self._pending)
        for call_id in pending:
            self._dispatcher.interrupter.request_cancel((self.id, call_id))
        self._mainloop.submit(self._release_all)
        self._out.put(self._END)


def _nothing():
    pass


def worker_handlers(service):
    """The Worker service's handlers, as add_WorkerServicer_to_server makes them, except that
    Frames are read with decode_frame: a frame that does not parse answers its call with an
    error instead of ending the host's stream (and every object on it)."""
    descriptor = pb.DESCRIPTOR.services_by_name["Worker"]
    handlers = {}
    for method in descriptor.methods:
        request = getattr(pb, method.input_type.name)
        reply = getattr(pb, method.output_type.name)
        make = _HANDLER_KINDS[method.client_streaming, method.server_streaming]
        handlers[method.name] = make(
            getattr(service, method.name),
            request_deserializer=decode_frame if request is pb.Frame else request.FromString,
            response_serializer=reply.SerializeToString)
    return grpc.method_handlers_generic_handler(descriptor.full_name, handlers)


_HANDLER_KINDS = {
    (False, False): grpc.unary_unary_rpc_method_handler,
    (False, True): grpc.unary_stream_rpc_method_handler,
    (True, False): grpc.stream_unary_rpc_method_handler,
    (True, True): grpc.stream_stream_rpc_method_handler,
}


def start_grpc_server(address, service, max_message, credentials=None, token=None):
    """Serves `service` at `address`: over TLS with `credentials` (grpc server credentials),
    and only to RPCs that carry `token` when one is given (TokenCheck)."""
    options = [("grpc.max_receive_message_length", max_message),
               ("grpc.max_send_message_length", max_message)]
    interceptors = [TokenCheck(token)] if token else []
    # Each open Session stream holds a thread for its life: room for many hosts' streams.
    server = grpc.server(concurrent.futures.ThreadPoolExecutor(max_workers=64), options=options,
                         interceptors=interceptors)
    server.add_generic_rpc_handlers((worker_handlers(service),))
    add_health_service(server)
    bound = (server.add_secure_port(address, credentials) if credentials is not None
             else server.add_insecure_port(address))
    if bound == 0:
        raise OSError(f"cannot listen on {address}")
    server.start()
    return server


class TokenCheck(grpc.ServerInterceptor):
    """Refuses every RPC whose metadata lacks the token (UNAUTHENTICATED), except gRPC's
    standard health checks (probes of load balancers and orchestrators carry no token; they
    learn only whether the worker serves). The message names neither the expected token nor
    the one received."""

    def __init__(self, token):
        import hmac  # (here: only workers with a token need it)
        self._compare = hmac.compare_digest
        self._expected = (BEARER_PREFIX + token).encode()

    def intercept_service(self, continuation, details):
        if details.method.startswith(f"/{HEALTH_SERVICE}/"):
            return continuation(details)
        for key, value in details.invocation_metadata or ():
            if key == TOKEN_HEADER and self._compare(
                    value.encode() if isinstance(value, str) else value, self._expected):
                return continuation(details)
        return _refusal(continuation(details))


def _refusal(handler):
    """A handler of the same shape as `handler` that aborts the RPC."""
    def abort(_request, context):
        context.abort(grpc.StatusCode.UNAUTHENTICATED,
                      f"the worker requires its token ({TOKEN_VARIABLE}): missing or wrong")

    if handler is None:
        return None
    if handler.request_streaming and handler.response_streaming:
        return grpc.stream_stream_rpc_method_handler(abort)
    if handler.request_streaming:
        return grpc.stream_unary_rpc_method_handler(abort)
    if handler.response_streaming:
        return grpc.unary_stream_rpc_method_handler(abort)
    return grpc.unary_unary_rpc_method_handler(abort)
