"""Classes that exist only in stubs: typeshed's `hashlib._Hash` is what `hashlib.sha256()`
returns, but run time calls that class `_hashlib.HASH` (and `_csv._reader` is `_csv.Reader`).

A stub class is described from the stub alone when a path asks for it, so a C++ stub class can
bind it: its methods and attributes are looked up on the object by name at run time. It cannot
be constructed (there is nothing to call); `runtime_name` records the run-time class found for
it, a class of the module (or of a module it imports) with the stub's name and methods.
"""

from __future__ import annotations

import sys
import types

from . import named_classes
from .members import PROTOCOL_DUNDERS
from .runtime_types import class_type
from .stub_index import StubClass, StubFunction, StubVar
from .stub_library import StubLibrary
from .stub_signatures import function_signatures, property_type
from .stub_types import StubTypes
from .stub_types import class_type as stub_class_type


class StubOnlyClasses:
    def __init__(self, stubs: StubLibrary, types: StubTypes):
        self.stubs = stubs
        self.types = types

    def find(self, module_name: str, name: str) -> StubClass | None:
        """The stub class `module.name`, when the module's stub defines one."""
        return self.stubs.class_of(self.stubs.lookup_path(module_name, [name]))

    def symbol(self, stub: StubClass, name: str, qualname: str) -> dict:
        owner = stub_class_type(stub)
        named_classes.note_stub(owner["name"], stub)
        members = {}
        for klass in self.stubs.class_mro(stub):
            for member, entry in klass.scope.names.items():
                if member in members or (member.startswith("_")
                                         and member not in PROTOCOL_DUNDERS):
                    continue
                symbol = self._member(klass, member, entry, f"{qualname}.{member}", owner)
                if symbol is not None:
                    members[member] = symbol
        symbol = {"kind": "class", "name": name, "qualname": qualname,
                  "bases": [self._base_name(stub, base) for base in stub.node.bases],
                  "init": [], "members": dict(sorted(members.items())), "stub_only": True}
        runtime = _runtime_class(stub, {m for m, s in members.items() if s["kind"] == "function"})
        if runtime is not None:
            symbol["runtime_name"] = class_type(runtime)["name"]
        return symbol

    def _member(self, klass: StubClass, name: str, entry: object, qualname: str,
                owner: dict) -> dict | None:
        if isinstance(entry, StubFunction) and not entry.is_property:
            decorators = entry.decorators
            kind = ("static" if "staticmethod" in decorators
                    else "class" if "classmethod" in decorators else "instance")
            return {"kind": "function", "name": name, "qualname": qualname,
                    "signatures": function_signatures(self.types, entry, klass.module, klass,
                                                      owner),
                    "method_kind": kind, "generator": False, "async": False,
                    "async_generator": False}
        if isinstance(entry, StubFunction) or (isinstance(entry, StubVar)
                                               and entry.annotation is not None):
            type_expr, line = property_type(self.types, entry, klass.module, klass, owner)
            readonly = isinstance(entry, StubFunction) and not entry.has_setter
            return {"kind": "property", "name": name, "qualname": qualname, "type": type_expr,
                    "readonly": readonly, "source": f"stub:{klass.module.path}:{line}"}
        return None

    def _base_name(self, stub: StubClass, base) -> str:
        found = self.stubs.resolve_class_expr(stub.module, base)
        return stub_class_type(found)["name"] if found is not None else "Any"


def _runtime_class(stub: StubClass, methods: set[str]) -> type | None:
    """The run-time class of the stub's module (or a module it imports) named like the stub
    class, underscores and case aside, that has all the stub's methods."""
    module = sys.modules.get(stub.module.name)
    if module is None:
        return None
    places = [module, *(value for value in vars(module).values()
                        if isinstance(value, types.ModuleType))]
    wanted = _normalized(stub.name)
    for place in places:
        for value in list(vars(place).values()):
            if (isinstance(value, type) and _normalized(value.__name__) == wanted
                    and all(hasattr(value, method) for method in methods)):
                return value
    return None


def _normalized(name: str) -> str:
    return name.replace("_", "").lower()


__all__ = ["StubOnlyClasses"]
