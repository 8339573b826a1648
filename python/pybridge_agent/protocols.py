"""Python's protocols as its syntax runs them, for a host that names their dunder on an object.

`len(obj)` is not `obj.__len__()`: the syntax looks the method up on the type, checks the
result (`len` wants a non-negative int, `hash` truncates), and falls back where the language
does (`x in obj` iterates when there is no `__contains__`; `a == b` tries `b.__eq__(a)` when
`a.__eq__` returns NotImplemented, then compares identities). A host call of one of these
dunders on an object (a C++ `size()`, `contains(x)`, `obj[key] = v`, `==`, `std::hash`, a range
`for`, a context-manager scope) runs the syntax, so C++ gets what the same Python code gets."""

import operator

from .errors import exception_from_description


def _exit(obj, exc_type=None, exc=None, tb=None, *, pybridge_error=None):
    """`with obj:` leaving its block. The host describes the exception that left the C++
    scope (pybridge_error = (qualified class name, message)); it is rebuilt here so that
    `__exit__` sees an exception as it would in Python, and its result says whether it
    swallowed it."""
    if pybridge_error is not None:
        exc = exception_from_description(*pybridge_error)
        exc_type, tb = type(exc), None
    return bool(type(obj).__exit__(obj, exc_type, exc, tb))


SYNTAX = {
    "__len__": len,
    "__iter__": iter,
    "__contains__": lambda obj, item: item in obj,
    "__getitem__": operator.getitem,
    "__setitem__": operator.setitem,
    "__delitem__": operator.delitem,
    "__eq__": operator.eq,
    "__ne__": operator.ne,
    "__hash__": hash,
    "__enter__": lambda obj: type(obj).__enter__(obj),
    "__exit__": _exit,
}


def syntax_for(obj, name):
    """The callable running `name`'s protocol on `obj` as Python's syntax does, or None when
    `name` is not one of them."""
    run = SYNTAX.get(name)
    if run is None:
        return None
    if name in ("__enter__", "__exit__") and not hasattr(type(obj), name):
        # as `with` says it: "'X' object does not support the context manager protocol"
        raise TypeError(f"'{type(obj).__qualname__}' object does not support the context "
                        f"manager protocol (missed {name} method)")
    return lambda *args, **kwargs: run(obj, *args, **kwargs)

