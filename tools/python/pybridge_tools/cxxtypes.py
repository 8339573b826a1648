"""Python type expressions (docs/descriptor-format.md, TypeExpr) spelled as the C++ types the
type mapping converts (docs/type-mapping.md), for generated stubs.

An argument takes the C++ type a caller most naturally has for the Python type (a `float |
Decimal | Fraction` takes `double`); a result takes one that holds every value Python may
return, else `pybridge::Value`, which holds anything. Each spelling records the headers it needs.
"""

PRIMITIVES = {
    "int": "long", "float": "double", "bool": "bool", "str": "std::string",
    "bytes": "pybridge::Bytes", "complex": "std::complex<double>",
}
# Preference among a union's members for an argument: the C++ type a caller has at hand.
ARGUMENT_PREFERENCE = ["float", "int", "str", "bool", "bytes", "complex"]
SEQUENCES = {"list", "Sequence", "Iterable", "Collection", "MutableSequence", "AbstractSet"}
ITERATORS = {"Iterator", "Generator", "AsyncIterator", "AsyncGenerator", "Iterable"}
MAPPINGS = {"dict", "Mapping", "MutableMapping"}
SETS = {"set", "frozenset"}
# Number classes whose values a `double` result also takes when the arguments were floats.
NUMERIC_CLASSES = {"decimal.Decimal", "fractions.Fraction", "numbers.Real", "numbers.Rational",
                   "numbers.Number", "numbers.Complex", "numbers.Integral"}
# numpy's scalar types come back as Python numbers.
NUMPY_SCALARS = {"numpy.floating": "float", "numpy.float64": "float", "numpy.float32": "float",
                 "numpy.integer": "int", "numpy.signedinteger": "int", "numpy.int64": "int",
                 "numpy.int32": "int", "numpy.unsignedinteger": "int", "numpy.bool_": "bool",
                 "numpy.number": "float", "numpy.complexfloating": "complex"}
# typing's protocols an argument most naturally meets with a C++ number (typeshed annotates
# statistics' data as Iterable[SupportsFloat], math's as SupportsIndex).
ARGUMENT_PROTOCOLS = {"SupportsFloat": "float", "SupportsIndex": "int", "SupportsInt": "int",
                      "typing.SupportsFloat": "float", "typing.SupportsIndex": "int",
                      "typing.SupportsInt": "int"}
# A result declared by one of these may be any class that meets it (a Sequence may be a
# deque): only `pybridge::Value` takes whatever comes (docs/type-mapping.md).
ABSTRACT_RESULTS = {"Sequence", "Collection", "MutableSequence", "AbstractSet", "Iterable",
                    "Mapping", "MutableMapping", "numpy.signedinteger", "numpy.unsignedinteger"}
ORDERED_KEYS = {"long", "double", "bool", "std::string"}
CHRONO = {"datetime.datetime": "std::chrono::system_clock::time_point",
          "datetime.date": "std::chrono::system_clock::time_point",
          "datetime.timedelta": "std::chrono::microseconds"}
ANY = "pybridge::Value"
OBJECT = "pybridge::Object"


class Spelling:
    """A C++ type's text and the standard headers it needs."""

    def __init__(self, text, headers=()):
        self.text = text
        self.headers = set(headers)

    def wrap(self, template, header):
        return Spelling(f"{template}<{self.text}>", self.headers | {header})


def name_of(expr):
    return expr.get("name", "Any") if isinstance(expr, dict) else "Any"


def args_of(expr):
    return expr.get("args", []) if isinstance(expr, dict) else []


def is_none(expr):
    return name_of(expr) == "None"


class TypeSpeller:
    """Spells types for one header: `classes` maps a Python class's type names to the C++
    struct the header declares for it (other classes are pybridge::Object); `by_value` maps
    classes whose instances the worker sends as a builtin's value (an IntEnum as an int, a
    namedtuple as a tuple) to that builtin."""

    def __init__(self, classes, by_value=None):
        self.classes = classes
        self.by_value = by_value or {}

    def argument(self, expr):
        return self._spell(expr, argument=True, top=True)

    def result(self, expr):
        if expr is None:
            return Spelling(ANY)
        if is_none(expr):
            return Spelling("void")
        return self._spell(expr, argument=False, top=True)

    def _spell(self, expr, argument, top=False):
        if expr is None:
            return Spelling(ANY)
        name, args = name_of(expr), args_of(expr)
        if not argument and name in ABSTRACT_RESULTS and not (top and name in ITERATORS):
            return Spelling(ANY)
        name = NUMPY_SCALARS.get(name, name)
        if argument:
            name = ARGUMENT_PROTOCOLS.get(name, name)
        if name in PRIMITIVES:
            header = {"str": "string", "complex": "complex"}.get(name)
            return Spelling(PRIMITIVES[name], [header] if header else [])
        if name == "None":
            return Spelling("std::nullptr_t", ["cstddef"])
        if name == "Union":
            return self._union(args, argument)
        if name == "Literal":
            return self._literal(args)
        if name == "Awaitable" and args:
            return self._spell(args[0], argument, top)
        if name in ITERATORS and not argument and top:
            return self._item(args, argument).wrap("pybridge::Stream", "pybridge/stream.hpp")
        if name in SEQUENCES or (name == "tuple" and len(args) == 2 and name_of(args[1]) == "..."):
            if name == "tuple" and argument and not top:
                return Spelling(ANY)  # a vector inside a container argument goes as a list
            return self._item(args, argument).wrap("std::vector", "vector")
        if name == "tuple":
            return self._tuple(args, argument)
        if name in SETS:
            item = self._item(args, argument)
            if item.text not in ORDERED_KEYS:
                return Spelling(ANY)
            return item.wrap("std::set", "set")
        if name in MAPPINGS:
            return self._mapping(args, argument)
        if name in ("numpy.ndarray", "numpy.typing.ArrayLike", "numpy.typing.NDArray"):
            return Spelling("pybridge::NDArray", ["pybridge/ndarray.hpp"])
        if name in CHRONO:
            return Spelling(CHRONO[name], ["chrono"])
        if name == "Callable" or name.startswith("type"):
            return Spelling(OBJECT)
        if name in self.classes:
            return Spelling(self.classes[name])
        if name in self.by_value:
            return self._spell({"name": self.by_value[name]}, argument, top)
        if "." in name and not name.startswith(("typing.", "_typeshed.")):
            return Spelling(OBJECT)  # a class this header does not bind: a handle
        return Spelling(ANY)

    def _item(self, args, argument):
        return self._spell(args[0], argument) if args else Spelling(ANY)

    def _tuple(self, args, argument):
        if not args or any(name_of(a) == "..." for a in args):
            return Spelling(ANY)
        items = [self._spell(a, argument) for a in args]
        spelled = Spelling("std::tuple<" + ", ".join(i.text for i in items) + ">", ["tuple"])
        for item in items:
            spelled.headers |= item.headers
        return spelled

    def _mapping(self, args, argument):
        if len(args) != 2:
            return Spelling(ANY)
        key, value = self._spell(args[0], argument), self._spell(args[1], argument)
        if key.text not in ORDERED_KEYS:
            return Spelling(ANY)
        spelled = Spelling(f"std::map<{key.text}, {value.text}>", key.headers | value.headers)
        spelled.headers.add("map")
        return spelled

    def _literal(self, args):
        reprs = [a.get("repr", "") for a in args if isinstance(a, dict)]
        if reprs and all(r[:1] in "'\"" for r in reprs):
            return Spelling("std::string", ["string"])
        if reprs and all(r.lstrip("-").isdigit() for r in reprs):
            return Spelling("long")
        if reprs and all(r in ("True", "False") for r in reprs):
            return Spelling("bool")
        return Spelling(ANY)

    def _union(self, members, argument):
        none = any(is_none(m) for m in members)
        rest = [m for m in members if not is_none(m)]
        names = [name_of(m) for m in rest]
        if argument:
            # Any member's type is accepted; None is what an omitted optional gives.
            for preferred in ARGUMENT_PREFERENCE:
                if preferred in names:
                    return self._spell(rest[names.index(preferred)], argument)
            return self._spell(rest[0], argument) if rest else Spelling(ANY)
        numeric = [n for n in names if n not in NUMERIC_CLASSES]
        if names and set(numeric) <= {"int", "float"} and "float" in numeric:
            single = Spelling("double")
        elif len(rest) == 1:
            single = self._spell(rest[0], argument)
        else:
            return Spelling(ANY)
        if none and single.text not in (ANY, OBJECT):
            return single.wrap("std::optional", "optional")
        return single
