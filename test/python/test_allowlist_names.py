"""The allowlist's rule for names, on its own and as the worker and `describe` apply it: the
same names are refused by both (one definition in allowlist.py), objects handed out as
handles are checked, and nothing changes without an allowlist. (The escape corpus runs
against real workers: test/runtime/AllowlistTest.cpp.)"""

import pytest

from pybridge_agent.allowlist import NAMEABLE_DUNDERS, PROTOCOL_DUNDERS, Allowlist, NotAllowed
from pybridge_agent.cancellation import Interrupter
from pybridge_agent.describe import NameRefused, build_descriptor
from pybridge_agent.dispatcher import Dispatcher
from pybridge_agent.wire import pb

NAMES = ["sqrt", "pi", "_private", "__call__", "__len__", "__name__", "__doc__", "__dict__",
         "__class__", "__loader__", "__spec__", "__globals__", "__self__", "__subclasses__",
         "__builtins__", "__code__", "__reduce__", "__getattr__", "__getattribute__",
         "gi_frame", "f_globals", "tb_frame", "__init_subclass__", "__wrapped__"]


@pytest.mark.parametrize("name", NAMES)
def test_describe_and_the_worker_refuse_the_same_names(name):
    allow = Allowlist(["math"])
    worker = Dispatcher(allow, Interrupter())
    reply = worker.run(pb.CallRequest(call_id=1, target=f"math.{name}", op=pb.CallRequest.GET_ATTR))
    worker_refuses = reply.fault.code == pb.BridgeFault.NOT_ALLOWED
    try:
        build_descriptor(f"math.{name}", allowlist=["math"])
        describe_refuses = False
    except NameRefused:
        describe_refuses = True
    assert worker_refuses == describe_refuses == (not allow.admits_name(name)), reply


def test_the_protocols_stubs_bind_stay_nameable():
    assert PROTOCOL_DUNDERS - NAMEABLE_DUNDERS == {"__getattr__"}  # (it reads any name given)


def test_without_an_allowlist_every_name_and_object_passes():
    open_ = Allowlist(None)
    assert all(open_.admits_name(name) for name in NAMES)
    import os
    open_.check_handle(os)
    open_.check_handle(os.system)


class _Owned:
    pass


@pytest.mark.parametrize("obj, admitted", [
    (1, True), ([1], True), ({}.items(), True), (iter([1]), True), ((x for x in ()), True),
    (_Owned(), True),                      # this module is in the list below
    (pytest, False),                       # a module outside it
    (pytest.raises, False),                # a function of one
    (eval, False),                         # a guarded builtin
    (len, False),                          # builtins are not in the list
])
def test_handles_come_from_admitted_modules_or_are_plain_values(obj, admitted):
    allow = Allowlist([__name__])
    if admitted:
        allow.check_handle(obj)
    else:
        with pytest.raises(NotAllowed):
            allow.check_handle(obj)


def test_the_interpreters_internals_are_never_handed_out():
    import sys
    allow = Allowlist(["builtins", __name__])
    for internal in (sys._getframe(), sys._getframe().f_code, _Owned.__dict__):
        with pytest.raises(NotAllowed):
            allow.check_handle(internal)
