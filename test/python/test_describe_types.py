"""The descriptor's `types` table: Python's subtype relation for the classes a descriptor
names (docs/descriptor-format.md, "Types"), checked against what mypy says where mypy has a
rule (nominal bases, protocols; not ABC registration, which is a run-time fact)."""

import pytest

FIXTURE = "pybridge_types_fixture"


def supertypes(descriptor, name):
    """name -> (args or None, via or None) of one class's entry."""
    entry = descriptor["types"][name]
    return {s["name"]: (s.get("args"), s.get("via")) for s in entry["supertypes"]}


def at(index):
    return {"name": f"@{index}"}


def named(name, *args):
    return {"name": name, "args": list(args)} if args else {"name": name}


# -- nominal: the MRO and the bases typeshed declares ---------------------------------------

def test_deque_is_a_mutable_sequence_of_its_items(describe):
    deque = supertypes(describe("collections"), "collections.deque")
    assert deque["MutableSequence"] == ([at(0)], None)
    assert deque["Sequence"] == ([at(0)], None)  # through typing's declared bases
    assert deque["Iterable"] == ([at(0)], None)
    assert "Iterator" not in deque


def test_io_classes_are_typing_io_of_bytes_and_str(describe):
    io = describe("io")
    assert supertypes(io, "_io.BytesIO")["IO"] == ([named("bytes")], None)
    assert supertypes(io, "_io.BytesIO")["BinaryIO"] == (None, None)
    assert supertypes(io, "_io.StringIO")["IO"] == ([named("str")], None)
    assert supertypes(io, "_io.StringIO")["Iterator"] == ([named("str")], None)
    assert supertypes(io, "_io.BytesIO")["io.BufferedIOBase"] == (None, None)  # run-time MRO


def test_pure_path_is_a_path_like_of_str(describe):
    path = supertypes(describe("pathlib"), "pathlib.PurePosixPath")
    assert path["os.PathLike"] == ([named("str")], None)
    assert path["pathlib.PurePath"] == (None, None)


def test_fraction_is_a_real_by_its_mro(describe):
    fraction = supertypes(describe("fractions"), "fractions.Fraction")
    for abc in ("numbers.Rational", "numbers.Real", "numbers.Complex", "numbers.Number"):
        assert fraction[abc] == (None, None)


def test_builtin_containers_keep_their_item_types(describe):
    builtins = describe("builtins")
    assert supertypes(builtins, "str")["Sequence"] == ([named("str")], None)
    assert supertypes(builtins, "list")["MutableSequence"] == ([at(0)], None)
    assert supertypes(builtins, "tuple")["Sequence"] == ([at(0)], None)
    assert supertypes(builtins, "dict")["Mapping"] == ([at(0), at(1)], None)
    assert supertypes(builtins, "dict")["Iterable"] == ([at(0)], None)  # its keys
    assert "Iterator" not in supertypes(builtins, "list")


def test_stub_only_class_has_its_declared_bases(describe):
    reader = supertypes(describe("_csv._reader"), "_csv._reader")
    assert reader["Iterator"] == ([named("list", named("str"))], None)
    assert reader["Iterable"] == ([named("list", named("str"))], None)


# -- registration, structure, promotion -----------------------------------------------------

def test_numbers_by_registration_and_promotion(describe):
    builtins = describe("builtins")
    floats = supertypes(builtins, "float")
    assert floats["numbers.Real"] == (None, "registered")
    assert floats["complex"] == (None, "promotion")
    ints = supertypes(builtins, "int")
    assert ints["numbers.Integral"] == (None, "registered")
    assert ints["float"] == (None, "promotion")
    assert ints["SupportsIndex"] == (None, "structural")
    assert "SupportsIndex" not in floats  # a float has no __index__
    assert "numbers.Real" not in supertypes(builtins, "str")


def test_protocols_by_the_members_a_class_has(describe):
    fixture = describe(FIXTURE)
    tape = supertypes(fixture, f"{FIXTURE}.Tape")
    assert tape[f"{FIXTURE}.Readable"] == (None, "structural")
    # Iterable's __subclasshook__ says yes; the item type comes from Tape.__iter__
    assert tape["Iterable"] == ([named("str")], "registered")
    assert tape["SupportsRead"] == ([named("str")], "structural")
    # a protocol's entry lists what other modules' classes must have to be one
    assert fixture["types"][f"{FIXTURE}.Readable"]["protocol"] == ["read"]
    assert fixture["types"][f"{FIXTURE}.HasDType"]["protocol"] == ["dtype"]
    assert f"{FIXTURE}.HasDType" not in supertypes(fixture, "int")


def test_contravariant_parameters_are_marked(describe):
    shutil_types = describe("shutil")["types"]
    assert shutil_types["SupportsWrite"]["contravariant"] == [0]  # _T_contra
    assert "contravariant" not in shutil_types["SupportsRead"]  # _T_co


def test_kept_aliases_and_arraylike_state_what_they_stand_for(describe):
    builtins = describe("builtins")
    rich = builtins["types"]["SupportsRichComparison"]["alias"]
    assert rich == {"name": "Union", "args": [named("SupportsDunderLT", named("Any")),
                                              named("SupportsDunderGT", named("Any"))]}
    arraylike = describe("numpy")["types"]["numpy.typing.ArrayLike"]["alias"]
    assert named("float") in arraylike["args"]
    assert named("str") not in arraylike["args"]  # numpy's numeric array-likes take no str


def test_value_types_of_numpy_scalars(describe):
    types = describe("numpy")["types"]
    assert types["numpy.int64"]["value_type"] == "int"
    assert types["numpy.floating"]["value_type"] == "float"
    assert types["numpy.bool_"]["value_type"] == "bool"
    assert "value_type" not in types["numpy.ndarray"]


# -- agreement with mypy, the reference implementation of these rules -----------------------

# (module to describe, type name, Python expression of that type, annotation, its head, its
# arguments): the table and mypy must agree whether the value fits the annotation.
AGREEMENT = [
    ("collections", "collections.deque", "collections.deque([1])", "Sequence[int]",
     "Sequence", None),
    ("io", "_io.StringIO", "io.StringIO()", "Iterable[str]", "Iterable", [named("str")]),
    ("io", "_io.StringIO", "io.StringIO()", "Iterable[int]", "Iterable", [named("int")]),
    ("io", "_io.BytesIO", "io.BytesIO()", "IO[bytes]", "IO", [named("bytes")]),
    ("io", "_io.BytesIO", "io.BytesIO()", "IO[str]", "IO", [named("str")]),
    ("pathlib", "pathlib.PurePosixPath", "pathlib.PurePosixPath('a')", "os.PathLike[str]",
     "os.PathLike", [named("str")]),
    ("fractions", "fractions.Fraction", "fractions.Fraction(1, 2)", "numbers.Real",
     "numbers.Real", None),
    ("_csv._reader", "_csv._reader", "csv.reader([])", "Iterator[list[str]]", "Iterator",
     [named("list", named("str"))]),
    ("builtins", "str", "'text'", "Sequence[str]", "Sequence", [named("str")]),
    ("builtins", "tuple", "(1, 2)", "Sequence[int]", "Sequence", None),
    ("builtins", "dict", "{'a': 1}", "Mapping[str, int]", "Mapping", None),
    ("builtins", "list", "[1]", "Iterator[int]", "Iterator", None),
    ("builtins", "int", "1", "SupportsIndex", "SupportsIndex", None),
    ("builtins", "float", "1.5", "SupportsIndex", "SupportsIndex", None),
    ("builtins", "int", "1", "float", "float", None),
    ("builtins", "float", "1.5", "int", "int", None),
]


def table_says(describe, module, type_name, head, args):
    """Whether the table makes `type_name` a `head[args]` (placeholders stand for anything)."""
    entry = supertypes(describe(module), type_name).get(head)
    if entry is None:
        return False
    have = entry[0]
    return args is None or have is None or all(
        a["name"].startswith("@") or a == b for a, b in zip(have, args))


def test_mypy_agrees_with_the_table(describe, tmp_path):
    mypy = pytest.importorskip("mypy.api")
    header = ["import collections, csv, fractions, io, numbers, os, pathlib",
              "from typing import IO, Iterable, Iterator, Mapping, Sequence, SupportsIndex"]
    lines = [f"x{i}: {row[3]} = {row[2]}" for i, row in enumerate(AGREEMENT)]
    source = tmp_path / "agreement.py"
    source.write_text("\n".join(header + lines) + "\n")
    out, _, _ = mypy.run([str(source), "--no-incremental", "--cache-dir", str(tmp_path / "c")])
    mypy_rejects = {int(line.split(":")[1]) - len(header) - 1
                    for line in out.splitlines() if ": error:" in line}
    table_rejects = {i for i, (module, type_name, _, _, head, args) in enumerate(AGREEMENT)
                     if not table_says(describe, module, type_name, head, args)}
    assert table_rejects == mypy_rejects, out
