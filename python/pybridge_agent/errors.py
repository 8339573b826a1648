"""Python exceptions and bridge failures as wire messages."""

import traceback

from .wire import pb

_AGENT_FILES = ("pybridge_agent/dispatcher.py", "pybridge_agent\\dispatcher.py")


def exception_to_wire(exc, out):
    """Fills a pb.PythonException; the traceback starts at the first frame of user code."""
    cls = type(exc)
    out.type = cls.__qualname__
    out.module = cls.__module__
    out.message = str(exc)
    out.bases.extend(f"{c.__module__}.{c.__qualname__}" for c in cls.__mro__)
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename.endswith(_AGENT_FILES):
        tb = tb.tb_next
    out.traceback = "".join(traceback.format_exception(cls, exc, tb))
    return out


def fault(reply, code, message):
    reply.fault.code = code
    reply.fault.message = message
    return reply


Fault = pb.BridgeFault
