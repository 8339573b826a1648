"""A stream call in progress: its generator runs a few items at a time on the main thread.

Between steps the main loop serves other connections and calls, so a host that calls the
same worker while it iterates a stream (the loop body of `for (auto x : stream)`, always so in
a Session) is answered. Two limits stop a step:

- credit: the host grants `stream_window` items in its request and more with `Credit` frames
  as it consumes them (0: no limit), so the generator never runs far ahead of its consumer;
- a live object: after an item that holds an object (it registered handles), the generator
  waits until the host asks for the next item (its next `Credit`). Such an object may be a view
  of the generator's own state (`itertools.groupby`'s groups, a cursor's row): advancing the
  generator before the host has used it would change it under the host. Plain values are
  copies, so they are sent ahead within the credit;
- the sink: items go out without blocking (the fast lane's outbox, the gRPC stream's queue);
  while a sink holds more than it should, the stream waits for it to drain.
"""

import time
import types

from .cancellation import CallCancelled
from .framing import Trailer
from .wire import pb

# A step ends after this many items or this long, whichever comes first.
STEP_ITEMS = 64
STEP_SECONDS = 0.002


class StreamTask:
    """Runs `iterable`'s items out through `sink` (see Dispatcher.start_stream).

    `sink.send_item(frame, trailer)` takes a pb.Frame holding one StreamItem (a Trailer on the fast
    lane, else None) without blocking; `sink.ready()` says whether it takes more now. When
    `done`, `frame` holds the CallReply (the generator's return value, or its failure)."""

    def __init__(self, dispatcher, request, key, session, deadline, sink, fast_lane):
        self.key = key
        self.call_id = request.call_id
        self.frame = pb.Frame()
        self.frame.reply.call_id = request.call_id
        self.reply_trailer = Trailer() if fast_lane else None
        self.done = False
        self._dispatcher = dispatcher
        self._interrupter = dispatcher.interrupter
        self.session = session
        self._deadline = deadline
        self._timeout = request.timeout_seconds
        self._sink = sink
        self._fast_lane = fast_lane
        self._credit = request.stream_window or None  # None: no limit
        self._held = False  # an item holding objects was sent: wait for the host's Credit
        self._cancel = False
        self._next = None  # () -> the next item; raises StopIteration at the end
        self._close = None

    # -- set-up (Dispatcher.start_stream, inside the interrupter) --------------------------

    def iterate(self, iterable):
        if isinstance(iterable, types.AsyncGeneratorType):  # inspect.isasyncgen
            run = self._dispatcher.await_result
            self._next = lambda: _next_async(run, iterable)
            self._close = lambda: run(iterable.aclose())
        else:
            iterator = iter(iterable)
            self._next = iterator.__next__
            self._close = getattr(iterator, "close", None)

    # -- the main loop's side ---------------------------------------------------------------

    def grant(self, items):
        """The host consumed `items` more items (and asks for the next one)."""
        self._held = False
        if self._credit is not None:
            self._credit += items

    def cancel(self):
        """Ends the stream at its next step (the main loop's Cancel, or its connection closed);
        the running item is interrupted by the Interrupter."""
        self._cancel = True

    def runnable(self):
        if self.done:
            return False
        if self._cancel or self._interrupter.cancelled(self.key):
            return True
        return (not self._held and (self._credit is None or self._credit > 0)
                and self._sink.ready())

    def step(self):
        """Produces items while credit, the sink and the step's budget allow; ends the stream
        (done) when the generator is exhausted, fails, times out or is cancelled."""
        if self._cancel or self._interrupter.consume_cancel(self.key, poll=False):
            self._end(CallCancelled("the stream was cancelled by the host"))
            return
        interrupter = self._interrupter
        try:
            interrupter.enter(self.key, self._deadline)
            try:
                finished, value = self._produce()
            finally:
                interrupter.leave(self._deadline)
        except BaseException as exc:  # user code: SystemExit and KeyboardInterrupt included
            self._end(exc)
            return
        if finished:
            self._end(None, value)

    def abandon(self):
        """The host is gone: closes the generator, reports nothing."""
        if not self.done:
            self._end(CallCancelled("the host went away"))

    # -- inside -----------------------------------------------------------------------------

    def _produce(self):
        """(True, the generator's return value) at its end, else (False, None)."""
        sink, encode, nxt = self._sink, self._dispatcher.codec.encode_into, self._next
        # On the fast lane, a scalar item the native module encodes skips protobuf's Python
        # objects. Each item leaves at once: the generator may block before its next one.
        encode_plain = getattr(sink, "encode_item", None) if self._fast_lane else None
        call_id, max_frame = self.call_id, getattr(sink, "max_frame", 0)
        until = time.monotonic() + STEP_SECONDS
        for produced in range(STEP_ITEMS):
            if self._credit == 0 or not sink.ready() or (
                    produced and time.monotonic() >= until):
                break
            try:
                item = nxt()
            except StopIteration as stop:
                return True, stop.value
            data = encode_plain(call_id, item, max_frame) if encode_plain is not None else None
            if data is not None:
                sink.send_encoded_item(data)
                if self._credit is not None:
                    self._credit -= 1
                continue
            frame = pb.Frame()
            out = frame.item
            out.call_id = call_id
            trailer = Trailer() if self._fast_lane else None
            encode(item, self.session, out.item, out.new_objects, trailer=trailer)
            try:
                sink.send_item(frame, trailer)
            except BaseException:
                self._dispatcher.release(out.new_objects)  # the host never sees them
                raise
            if self._credit is not None:
                self._credit -= 1
            if out.new_objects:
                self._held = True  # the generator stays where it is until the host moves on
                break
        return False, None

    def _end(self, exc, value=None):
        """Closes the generator (its `finally` blocks run) and fills the reply."""
        self.done = True
        dispatcher, interrupter, reply = self._dispatcher, self._interrupter, self.frame.reply
        try:
            interrupter.enter(self.key, None if exc is not None else self._deadline)
            try:
                if exc is None:
                    dispatcher.codec.encode_into(value, self.session, reply.result,
                                                 reply.new_objects, trailer=self.reply_trailer)
                elif self._close is not None:
                    self._close()
            finally:
                interrupter.leave(self._deadline)
        except BaseException as error:  # the generator's cleanup failed: report that
            exc = exc if exc is not None else error
        if exc is not None:
            dispatcher.fail(reply, exc, self._timeout)
        interrupter.forget(self.key)


def _next_async(run, agen):
    try:
        return run(agen.__anext__())
    except StopAsyncIteration:
        raise StopIteration(None) from None
