"""Python exceptions and bridge failures as wire messages."""

import os
import sys

from .callbacks import CallbackError
from .cancellation import CallCancelled, CallTimedOut
from .wire import pb

# Raised into whatever runs when the call's time is up: reporting must not swallow them.
_INTERRUPTS = (CallCancelled, CallTimedOut)

_AGENT_DIR = os.path.dirname(__file__) + os.sep  # as code objects spell it

# How many chained exceptions (`raise ... from ...`) a reply carries at most.
MAX_CAUSES = 16


def qualified_name(cls):
    """"json.decoder.JSONDecodeError": how the host and the plugin name an exception class
    (PythonException.bases, a descriptor's exception_mro)."""
    return f"{_attribute(cls, '__module__')}.{_attribute(cls, '__qualname__')}"


def mro_names(cls):
    return [_text(qualified_name(c)) for c in cls.__mro__]


def chained_from(exc):
    """The exception `exc` was raised from (`raise ... from cause`), or during whose handling
    it was raised (unless `from None` hid it): what Python prints above it."""
    if exc.__cause__ is not None:
        return exc.__cause__
    return None if exc.__suppress_context__ else exc.__context__


def exception_to_wire(exc, out, depth=0):
    """Fills a pb.PythonException, with its chain of causes; the traceback starts at the
    first frame of user code.

    Total: user code controls the exception (a __str__ that raises, a message with a lone
    surrogate protobuf refuses), and a failure here would take the worker down."""
    cls = type(exc)
    out.type = _text(_attribute(cls, "__qualname__"))
    out.module = _text(_attribute(cls, "__module__"))
    out.message = _text(_message(exc))
    out.bases.extend(mro_names(cls))
    cause = chained_from(exc)
    if cause is not None and cause is not exc and depth < MAX_CAUSES:
        exception_to_wire(cause, out.cause, depth + 1)
    if isinstance(exc, CallbackError):  # the host throws its own C++ exception again
        out.host_exception = exc.host_exception
    import traceback  # (here: it costs start-up time)
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


def exception_from_description(name, message):
    """An instance of the exception class `name` ("json.decoder.JSONDecodeError", as
    qualified_name() spells it) with `message`, for a host that reports an exception it
    caught; RuntimeError(message) when no loaded module defines that exception class (a C++
    exception). Nothing is imported: the class came from a module a call already loaded."""
    cls = _loaded_exception_class(name)
    if cls is None:
        return RuntimeError(message)
    try:
        return cls(message)
    except _INTERRUPTS:
        raise
    except Exception:  # a constructor that wants more (JSONDecodeError(msg, doc, pos))
        return BaseException.__new__(cls, message)


def _loaded_exception_class(name):
    module_name, _, rest = name.partition(".")
    while True:
        module = sys.modules.get(module_name)
        if module is not None and rest:
            found = _walk(module, rest)
            if isinstance(found, type) and issubclass(found, BaseException):
                return found
        if "." not in rest:
            return None
        head, _, rest = rest.partition(".")
        module_name += "." + head


def _walk(obj, path):
    for part in path.split("."):
        if part.startswith("_"):
            return None
        obj = getattr(obj, part, None)
    return obj


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
