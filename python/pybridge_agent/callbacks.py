"""C++ callables the host passed as arguments (CallbackRef), as Python callables.

Calling one sends a CallbackRequest to the host on the connection of the call that is
running; the host runs the C++ callable on the thread waiting for that call and answers. The
main loop serves other calls meanwhile (MainLoop.call_host), so the C++ code may call Python
again, to any depth.
"""


class CallbackError(Exception):
    """An exception a C++ callback threw. Python may catch it; when it ends the call, the
    host's caller gets the original C++ exception again. `cpp_type` names its C++ type."""

    def __init__(self, message, cpp_type="", host_exception=0):
        super().__init__(message)
        self.cpp_type = cpp_type
        self.host_exception = host_exception  # the host's id for it (PythonException)


class CallbackUnavailable(RuntimeError):
    """A C++ callback called where the host cannot run it."""


class HostCallable:
    """A C++ callable on the host: positional arguments only, converted by the type mapping.
    `call_host(callback_id, args)` does the round trip (MainLoop.call_host)."""

    __slots__ = ("callback_id", "_call_host", "__weakref__")

    def __init__(self, callback_id, call_host):
        self.callback_id = callback_id
        self._call_host = call_host

    def __call__(self, *args, **kwargs):
        if kwargs:
            raise TypeError("a C++ callback takes its arguments by position, not by keyword "
                            f"({', '.join(kwargs)})")
        if self._call_host is None:
            raise CallbackUnavailable("C++ callbacks cannot be called on this worker")
        return self._call_host(self.callback_id, args)

    def __eq__(self, other):
        return isinstance(other, HostCallable) and other.callback_id == self.callback_id

    def __hash__(self):
        return hash(("HostCallable", self.callback_id))

    def __repr__(self):
        return f"<C++ callback #{self.callback_id}>"


def raise_answer(reply, decode):
    """The result of a callback's answer (a pb.CallReply), or the exception it carries."""
    outcome = reply.WhichOneof("outcome")
    if outcome == "result":
        return decode(reply.result)
    if outcome == "error":
        error = reply.error
        if error.module == "builtins" and error.type in _BUILTIN_ERRORS:
            raise _BUILTIN_ERRORS[error.type](error.message)
        raise CallbackError(error.message, error.type, error.host_exception)
    raise CallbackError(reply.fault.message or "the host gave no answer", "pybridge")


# The errors the host reports in Python's own terms: a wrong call (TypeError) and a callable
# that was released (ReferenceError).
_BUILTIN_ERRORS = {"TypeError": TypeError, "ReferenceError": ReferenceError}
