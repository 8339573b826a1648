"""`sources`: every file a descriptor was made from, so a cache notices any of them change."""

import os
import sys
import textwrap

from pybridge_agent.describe import build_descriptor


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


def sources(descriptor):
    """file -> record"""
    return {record["file"]: record for record in descriptor["sources"]}


def test_package_members_defined_in_submodules(tmp_modules):
    init = write(tmp_modules / "pb_src_pkg" / "__init__.py", """
        from .core import f
        from .shapes import Square
    """)
    core = write(tmp_modules / "pb_src_pkg" / "core.py", """
        def f(x: int) -> int:
            return x
    """)
    shapes = write(tmp_modules / "pb_src_pkg" / "shapes.py", """
        from pb_src_base import Shape

        class Square(Shape):
            pass
    """)
    base = write(tmp_modules / "pb_src_base.py", """
        class Shape:
            def area(self) -> float:
                return 0.0
    """)
    descriptor = build_descriptor("pb_src_pkg")
    found = sources(descriptor)
    for path in (init, core, shapes, base):  # the inherited method's module too
        stat = os.stat(path)
        assert found[str(path)] == {"file": str(path), "mtime_ns": stat.st_mtime_ns,
                                    "size": stat.st_size}
    assert descriptor["origin"]["file"] == str(init)
    assert [record["file"] for record in descriptor["sources"]] == sorted(found)


def test_stub_files_read_and_stub_places_found_empty(tmp_modules, tmp_path_factory):
    write(tmp_modules / "pb_src_untyped.py", """
        def g(x):
            return x

        def h(x):
            return x
    """)
    roots = tmp_path_factory.mktemp("stubs")
    stub = write(roots / "pb_src_untyped.pyi", "def g(x: int) -> int: ...\n")
    found = sources(build_descriptor("pb_src_untyped", stub_paths=[str(roots)]))
    assert found[str(stub)]["size"] == stub.stat().st_size

    sys.modules.pop("pb_src_untyped")
    empty_root = tmp_path_factory.mktemp("no_stubs")
    found = sources(build_descriptor("pb_src_untyped", stub_paths=[str(empty_root)]))
    # where a stub would have been used: the stub root, and next to the module
    assert found[str(empty_root / "pb_src_untyped.pyi")] == {
        "file": str(empty_root / "pb_src_untyped.pyi"), "absent": True}
    assert found[str(tmp_modules / "pb_src_untyped.pyi")]["absent"] is True
    assert str(stub) not in found


def test_typeshed_stubs_are_sources(describe):
    found = sources(describe("statistics"))
    assert any(path.endswith(os.path.join("stdlib", "statistics.pyi")) for path in found)
    assert any(path.endswith("statistics.py") for path in found)


def test_touching_a_file_changes_sources_not_the_hash(tmp_modules):
    module = write(tmp_modules / "pb_src_touched.py", "def f(x: int) -> int:\n    return x\n")
    before = build_descriptor("pb_src_touched")
    stat = os.stat(module)
    os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    sys.modules.pop("pb_src_touched")
    after = build_descriptor("pb_src_touched")
    assert sources(after)[str(module)]["mtime_ns"] == stat.st_mtime_ns + 10**9
    assert after["hash"] == before["hash"]
