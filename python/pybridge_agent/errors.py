"""Python exceptions and bridge failures as wire messages."""

import os
import traceback

from .callbacks import CallbackError
from .cancellation import CallCancelled, CallTimedOut
from .wire import pb

# Raised into whatever runs when the call's time is up: reporting must not swallow them.
_INTERRUPTS = (CallCancelled, CallTimedOut)

_AGENT_DIR = os.path.dirname(__file__) + os.sep  # as code objects spell it


def exception_to_wire(exc, out):
    """Fills a pb.PythonException; the traceback starts at the first frame of user code.

    Total: user code controls the exception (a __str__ that raises, a message with a lone
    surrogate protobuf refuses), and a failure here would take the worker down."""
    cls = type(exc)
    out.type = _text(_attribute(cls, "__qualname__"))
    out.module = _text(_attribute(cls, "__module__"))
    out.message = _text(_message(exc))
    out.bases.extend(_text(f"{_attribute(c, '__module__')}.{_attribute(c, '__qualname__')}")
                     for c in cls.__mro__)
    if isinstance(exc, CallbackError):  # the host throws its own C++ exception again
        out.host_exception = exc.host_exception
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename.startswith(_AGENT_DIR):
        tb = tb.tb_next
    try:
        out.traceback = _text("".join(traceback.format_exception(cls, exc, tb)))
    except _INTERRUPTS:
        raise
    except BaseException:  # noqa: B036 - a broken exception object: its stack alone
        out.traceback = _text("".join(traceback.format_tb(tb)))
    return out


def _message(exc):
    try:
        return str(exc)
    except _INTERRUPTS:
        raise
    except BaseException as error:  # noqa: B036 - whatever __str__ raises
        return f"<unprintable {type(exc).__qualname__}: str() raised {type(error).__qualname__}>"


def _attribute(cls, name):
    value = getattr(cls, name, "?")
    return value if isinstance(value, str) else "?"


def _text(value):
    """`value` as text protobuf accepts: lone surrogates become backslash escapes."""
    try:
        str.encode(value, "utf-8")
        return value
    except UnicodeEncodeError:
        return str.encode(value, "utf-8", "backslashreplace").decode("utf-8")


def fault(reply, code, message):
    reply.fault.code = code
    reply.fault.message = _text(message)
    return reply


Fault = pb.BridgeFault
