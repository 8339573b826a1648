"""Refusals and failures of build_descriptor: allowlist, missing and broken modules."""

import sys
import textwrap

import pytest

from pybridge_agent.describe import (DescribeError, ImportFailed, ModuleNotFound, NotAllowed,
                                     build_descriptor)



def test_error_hierarchy():
    for error in (ModuleNotFound, ImportFailed, NotAllowed):
        assert issubclass(error, DescribeError)
    assert issubclass(DescribeError, Exception)


def test_allowlist_refuses_before_importing(tmp_modules):
    marker = tmp_modules / "imported.txt"
    (tmp_modules / "pb_forbidden_mod.py").write_text(
        f"open({str(marker)!r}, 'w').write('imported')\ndef f(): pass\n")
    with pytest.raises(NotAllowed, match="pb_forbidden_mod"):
        build_descriptor("pb_forbidden_mod.f", allowlist=["statistics", "pb_forbidden"])
    assert "pb_forbidden_mod" not in sys.modules
    assert not marker.exists()


def test_allowlist_entry_covers_submodules_and_members(tmp_modules):
    assert build_descriptor("statistics.median", allowlist=["statistics"])["module"] == \
        "statistics"
    assert build_descriptor("os.path", allowlist=["os"])["module"] == "os.path"
    with pytest.raises(NotAllowed):
        build_descriptor("os", allowlist=["os.path"])


def test_empty_allowlist_allows_nothing():
    with pytest.raises(NotAllowed):
        build_descriptor("statistics", allowlist=[])


def test_allowlist_is_part_of_config():
    everything = build_descriptor("keyword")
    restricted = build_descriptor("keyword", allowlist=["keyword"])
    assert everything["config"] != restricted["config"]
    assert everything["hash"] == restricted["hash"]


def test_unknown_module():
    with pytest.raises(ModuleNotFound, match="no module named 'pb_no_such_module'"):
        build_descriptor("pb_no_such_module.thing")


def test_unknown_module_lists_close_names_the_allowlist_admits():
    with pytest.raises(ModuleNotFound) as error:
        build_descriptor("statistcs.median")
    assert error.value.module == "statistcs"
    assert "statistics" in error.value.close_names
    with pytest.raises(ModuleNotFound) as error:
        build_descriptor("statistcs.median", allowlist=["statistcs", "math"])
    assert "statistics" not in error.value.close_names
    with pytest.raises(ModuleNotFound) as error:
        build_descriptor("lenn")
    assert "len" in error.value.close_names


def test_failures_carry_kind_and_fields():
    with pytest.raises(ImportFailed) as error:
        build_descriptor("pybridge_test_broken")
    assert error.value.to_json("pybridge_test_broken.x") == {
        "kind": "import_failed", "path": "pybridge_test_broken.x", "message": str(error.value),
        "module": "pybridge_test_broken", "exception": "RuntimeError",
        "detail": "pybridge_test_broken fails on import on purpose"}
    with pytest.raises(NotAllowed) as error:
        build_descriptor("statistics.median", allowlist=["json"])
    assert error.value.to_json("statistics.median")["module"] == "statistics.median"


@pytest.mark.parametrize("path", ["", "a..b", "1abc", "statistics."])
def test_malformed_paths(path):
    with pytest.raises(ModuleNotFound):
        build_descriptor(path)


def test_module_that_raises_on_import():
    with pytest.raises(ImportFailed) as caught:
        build_descriptor("pybridge_test_broken")
    message = str(caught.value)
    assert "RuntimeError" in message
    assert "pybridge_test_broken fails on import on purpose" in message


def test_missing_dependency_is_an_import_failure(tmp_modules):
    (tmp_modules / "pb_needs_missing.py").write_text("import pb_really_not_there\n")
    with pytest.raises(ImportFailed, match="ModuleNotFoundError.*pb_really_not_there"):
        build_descriptor("pb_needs_missing")


def test_an_import_for_a_describe_keeps_sys_stdout_and_sends_fd_1_to_stderr(tmp_modules, capfd):
    """The module keeps the sys.stdout any import would give it (a default `out=sys.stdout`
    is the same whoever imported it first); what it writes to file descriptor 1, where the
    describe CLI writes its JSON (test_describe_cli), goes to stderr."""
    (tmp_modules / "pb_chatty_mod.py").write_text(
        "import os, sys\nkept = sys.stdout\nos.write(1, b'from C')\n")
    build_descriptor("pb_chatty_mod")
    import pb_chatty_mod
    assert pb_chatty_mod.kept is sys.stdout
    captured = capfd.readouterr()
    assert "from C" not in captured.out
    assert "from C" in captured.err


def test_members_that_fail_are_recorded(tmp_modules):
    (tmp_modules / "pb_fragile_mod.py").write_text(textwrap.dedent("""
        __all__ = ["good", "missing", "Weird", "hostile"]

        def good(x: int) -> int:
            return x

        class _Meta(type):
            @property
            def __mro__(cls):
                raise RuntimeError("no mro for you")

        class Weird(metaclass=_Meta):
            @property
            def value(self) -> int:
                raise RuntimeError("property raises")

        class _Hostile:
            def __call__(self):
                pass

            @property
            def __module__(self):
                raise RuntimeError("hostile attribute")

        hostile = _Hostile()
    """))
    members = build_descriptor("pb_fragile_mod")["root"]["members"]
    assert members["good"]["kind"] == "function"
    assert members["missing"]["kind"] == "unknown"
    assert members["missing"]["error"].startswith("AttributeError")
    assert members["Weird"]["kind"] == "class"  # described as far as it can be
    assert members["hostile"] == {"kind": "unknown", "name": "hostile",
                                  "qualname": "pb_fragile_mod.hostile",
                                  "error": "RuntimeError: hostile attribute"}
