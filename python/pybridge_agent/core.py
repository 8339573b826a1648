"""What a host's frames mean, whatever carries them: the core of the worker's two servers.

A host reaches the worker through a transport: the fast lane (mainloop.py, a Unix socket) or
a gRPC Session stream (grpc_service.py). Each connection is a `Peer`; `Core` runs on the main
thread and turns the peer's frames into work: a call runs and is answered, a stream call
becomes a StreamTask the main loop steps (credit and the peer's sink pace it), a Cancel ends
a stream, a call whose Cancel came first is answered without running, releases and closed
sessions go to the object registry, a frame that does not parse is answered with a PROTOCOL
fault. The transports only read and write frames.
"""

import functools

from .framing import Trailer
from .log import RateLimited
from .wire import pb

_STREAM = pb.CallRequest.STREAM


class Peer:
    """One host connection, as the core sees it. A transport subclasses it and implements
    answer(); it is also the sink of its stream calls' items (streams.StreamTask:
    send_item(frame, trailer), ready())."""

    # Arrays' data travels in Trailers beside the frames (fast lane), else inside them.
    uses_trailers = False

    def __init__(self, peer_id, scope=None):
        self.id = peer_id  # a call's cancellation key is (peer id, call id)
        # None: the host's session ids are the registry's own; else session N of this peer
        # is (scope, N) in the registry.
        self.scope = scope
        self.streams = {}  # call id -> StreamTask running for this peer
        self.ended = False  # the host is gone: nothing more runs for it

    def session(self, session_id):
        """The registry's key of the host's session `session_id`."""
        return session_id if self.scope is None else (self.scope, session_id)

    def answer(self, call_id, frame, trailer=None):
        """Sends `frame` (the reply of call `call_id`) to the host."""
        raise NotImplementedError

    def callback_channel(self):
        """The connection host callbacks of this peer's calls go out on (mainloop.call_host);
        None: this transport carries none."""
        return None

    def stepped(self):
        """One of this peer's streams has made a step."""

    def stream_ended(self):
        """One of this peer's streams has been answered."""

    def distrust(self):
        """A frame without a call to answer did not parse: the peer cannot be trusted any
        more and is ended."""
        raise NotImplementedError


class Core:
    """Runs peers' frames on the main thread (`loop`: the MainLoop that steps streams)."""

    def __init__(self, dispatcher, loop):
        self.dispatcher = dispatcher
        self._loop = loop

    def handle(self, peer, frame, trailer=None):
        """One frame from `peer`. A Cancel for no stream of the peer is left to the transport
        (returns False); everything else is handled here (True)."""
        kind = frame.WhichOneof("kind")
        if kind == "call":
            self.start(peer, frame.call, trailer)
        elif kind == "credit":
            task = peer.streams.get(frame.credit.call_id)
            if task is not None:
                task.grant(frame.credit.items)
        elif kind == "cancel":
            return self.cancel_stream(peer, frame.cancel.call_id)
        elif kind == "release":
            self.dispatcher.release(frame.release.object_ids)
        elif kind == "close_session":
            self.dispatcher.close_session(peer.session(frame.close_session.session_id))
        elif kind == "bad_frame":
            self.reject(peer, frame)
        return True

    def start(self, peer, request, trailer=None):
        """Runs call `request` and answers it, or starts it when it is a stream; a call whose
        Cancel came first (or whose peer is gone) does not run."""
        call_id = request.call_id
        key = (peer.id, call_id)
        if peer.ended or self.dispatcher.interrupter.consume_cancel(key, False):
            self.skip(peer, call_id)
            return
        if request.op == _STREAM:
            self._start_stream(peer, request, key, trailer)
            return
        frame = pb.Frame()  # its reply is filled in place: no copy into a Frame afterwards
        reply_trailer = Trailer() if peer.uses_trailers else None
        self._loop.run_on(peer.callback_channel(), (call_id, request.session_id),
                          self.dispatcher.run_into, request, frame.reply, key, trailer,
                          reply_trailer, peer.session(request.session_id))
        peer.answer(call_id, frame, reply_trailer)

    def skip(self, peer, call_id):
        """Answers call `call_id`, whose Cancel arrived before it ran (it waited past its
        host-side timeout), without running it."""
        _answer_fault(peer, call_id, pb.BridgeFault.CANCELLED,
                      "the call was cancelled before it started")

    def cancel_stream(self, peer, call_id):
        """Ends the peer's stream `call_id` at its next step; False when it has none."""
        task = peer.streams.get(call_id)
        if task is None:
            return False
        task.cancel()
        return True

    def abandon(self, peer):
        """The peer is gone: its streams close without an answer."""
        peer.ended = True
        tasks, peer.streams = list(peer.streams.values()), {}
        for task in tasks:
            self._loop.drop_stream(task)
            self._loop.run_on(peer.callback_channel(), None, task.abandon)

    def reject(self, peer, bad):
        """A frame that does not parse (decoding.BadFrame): its call is answered with a
        PROTOCOL fault; without a call to answer, the peer is ended."""
        _log_bad_frame(f"pybridge_agent: a frame from the host did not parse: {bad.reason}")
        if not bad.call_id:
            peer.distrust()
            return
        _answer_fault(peer, bad.call_id, pb.BridgeFault.PROTOCOL,
                      f"the worker could not read the call: {bad.reason}")

    def _start_stream(self, peer, request, key, trailer):
        """Starts stream call `request`: the main loop steps it from now on (answered at its
        end), unless it failed before its first item (answered now)."""
        channel = peer.callback_channel()
        start = functools.partial(self.dispatcher.start_stream, request, key, peer, trailer,
                                  session=peer.session(request.session_id),
                                  fast_lane=peer.uses_trailers)
        task = self._loop.run_on(channel, (request.call_id, request.session_id), start)
        if task.done:
            peer.answer(request.call_id, task.frame, task.reply_trailer)
            return
        peer.streams[request.call_id] = task
        self._loop.add_stream(task, peer.stepped,
                              functools.partial(self._stream_done, peer, task), channel)

    def _stream_done(self, peer, task):
        peer.streams.pop(task.call_id, None)
        peer.answer(task.call_id, task.frame, task.reply_trailer)
        peer.stream_ended()


def _answer_fault(peer, call_id, code, message):
    reply = pb.CallReply(call_id=call_id)
    reply.fault.code = code
    reply.fault.message = message
    peer.answer(call_id, pb.Frame(reply=reply))


# Rate-limited: a peer may send such frames at will.
_log_bad_frame = RateLimited()
