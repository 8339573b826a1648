"""TypeExpr dicts (see docs/descriptor-format.md) and the canonical-name table.

Both the run-time converter (`runtime_types.py`) and the stub converter
(`stub_types.py`) end here, so the plugin sees one vocabulary no matter where a
type came from: `List[int]` and `list[int]` both become `{"name": "list", "args": [{"name":
"int"}]}`. Abstract classes and protocols keep their own names (`MutableSequence`,
`SupportsIndex`): which concrete types fit them is the descriptor's `types` table
(`subtypes.py`).
"""

from __future__ import annotations

ANY = {"name": "Any"}
NONE = {"name": "None"}
ELLIPSIS = {"name": "..."}

# Modules whose names are typing vocabulary rather than classes of a library.
TYPING_MODULES = frozenset(
    {"typing", "typing_extensions", "collections.abc", "_collections_abc", "_typeshed"}
)

# (module-independent) typing/builtins name -> canonical TypeExpr name.
_RENAMES = {
    # builtins and their typing aliases
    "object": "Any",
    "Any": "Any",
    "bytearray": "bytes",
    "memoryview": "bytes",
    "ByteString": "bytes",
    "Text": "str",
    "LiteralString": "str",
    "List": "list",
    "Dict": "dict",
    "Set": "set",
    "FrozenSet": "frozenset",
    "Tuple": "tuple",
    "Type": "type",
    "ContextManager": "contextlib.AbstractContextManager",
    "AsyncContextManager": "contextlib.AbstractAsyncContextManager",
    "Never": "NoReturn",
    "NoReturn": "NoReturn",
    "TypeGuard": "bool",
    "TypeIs": "bool",
    "Deque": "collections.deque",
    "DefaultDict": "collections.defaultdict",
    "OrderedDict": "collections.OrderedDict",
    "Counter": "collections.Counter",
    "ChainMap": "collections.ChainMap",
    "Pattern": "re.Pattern",
    "Match": "re.Match",
}

# collections.abc spells some classes like typing's aliases of builtins: its `Set` is
# typing's `AbstractSet`, not `set`.
_ABC_MODULES = frozenset({"collections.abc", "_collections_abc"})
_ABC_NAMES = {"Set": "AbstractSet"}

# Wrappers that only qualify the wrapped type: `Annotated[T, ...]`, `Final[T]` -> T.
TRANSPARENT_WRAPPERS = frozenset(
    {"Annotated", "ClassVar", "Final", "Required", "NotRequired", "ReadOnly", "InitVar"}
)

# Names that ArrayLike-style numpy aliases collapse to (their expansions are huge unions of
# private protocols that the plugin could not use anyway).
NUMPY_ARRAYLIKE = "numpy.typing.ArrayLike"
NUMPY_NDARRAY = "numpy.ndarray"


def named(name: str, args: list[dict] | None = None) -> dict:
    """Build a TypeExpr, omitting `args` when empty as the format asks."""
    expr = {"name": name}
    if args:
        expr["args"] = args
    return expr


def unknown(text: str) -> dict:
    """An annotation we could not resolve; the plugin treats it as Any."""
    return {"name": "?", "repr": text}


def literal_value(text: str) -> dict:
    return {"name": "value", "repr": text}


def canonical_name(module: str, name: str) -> str | None:
    """Canonical TypeExpr name for `module.name` when it is builtins/typing vocabulary.

    Returns None when the name is an ordinary class to be qualified by its module.
    """
    if module == "builtins":
        if name in _RENAMES:
            return _RENAMES[name]
        return name
    if module in _ABC_MODULES and name in _ABC_NAMES:
        return _ABC_NAMES[name]
    if module in TYPING_MODULES or module in ("collections", "re"):
        if name in _RENAMES:
            return _RENAMES[name]
        if module in TYPING_MODULES:
            return name
    return None


def qualify(module: str, qualname: str) -> dict:
    """TypeExpr for a class `module.qualname`, applying the canonical table."""
    canon = canonical_name(module, qualname)
    if canon is not None:
        return named(canon)
    if module.startswith("numpy") and qualname == "ndarray":
        return named(NUMPY_NDARRAY)
    return named(f"{module}.{qualname}")


def with_args(head: dict, args: list[dict]) -> dict:
    """Apply subscript arguments to a resolved head, e.g. `list` + [int]."""
    name = head["name"]
    if name in ("Any", "?", "int", "float", "str", "bytes", "bool", "None", NUMPY_NDARRAY,
                NUMPY_ARRAYLIKE) or not args:
        return head
    return named(name, args)


def make_union(members: list[dict]) -> dict:
    """`Union[...]` flattened and deduplicated; a single member stands for itself."""
    flat: list[dict] = []
    seen: set[str] = set()
    for member in members:
        # a TypeVar's constraints stay together: the caller picks one of them for all
        flat_ok = member.get("name") == "Union" and "typevar" not in member
        parts = member.get("args", []) if flat_ok else [member]
        for part in parts:
            key = repr(part)  # TypeExprs are built with a fixed key order
            if key not in seen:
                seen.add(key)
                flat.append(part)
    if len(flat) == 1:
        return flat[0]
    return named("Union", flat)


def typevar(name: str, bound: dict) -> dict:
    """A TypeVar with a bound (or constraints): the bound, marked as one. The caller of a
    generic function picks the type within it (`sorted` returns a list of what it was given)."""
    if bound.get("name") in ("Any", "?"):
        return bound
    return dict(bound, typevar=name)


def make_optional(inner: dict) -> dict:
    return make_union([inner, NONE])


def make_literal(values: list[dict]) -> dict:
    """`Literal[...]`, flattening nested literals."""
    flat: list[dict] = []
    for value in values:
        if value.get("name") == "Literal":
            flat.extend(value.get("args", []))
        else:
            flat.append(value)
    return named("Literal", flat)


def count_nodes(expr: dict) -> int:
    """Size of a TypeExpr tree; used to cap runaway alias expansions."""
    return 1 + sum(count_nodes(arg) for arg in expr.get("args", []))


def widen_literals(expr: dict) -> dict:
    """Replace `Literal[...]` by the types of its values (`Literal['r', 'w']` -> `str`).

    Used to shrink huge aliases (typeshed's `OpenTextMode` lists ~100 mode strings) while
    keeping what matters to a C++ caller: that a string is expected.
    """
    if expr.get("name") == "Literal":
        return make_union([_literal_type(arg.get("repr", "")) for arg in expr.get("args", [])])
    if "args" not in expr:
        return expr
    widened = [widen_literals(arg) for arg in expr["args"]]
    return make_union(widened) if expr["name"] == "Union" else dict(expr, args=widened)


def _literal_type(text: str) -> dict:
    if text in ("True", "False"):
        return named("bool")
    if text == "None":
        return NONE
    if text[:1] in ("'", '"'):
        return named("str")
    if text[:2] in ("b'", 'b"'):
        return named("bytes")
    if text.lstrip("-").isdigit():
        return named("int")
    return ANY
