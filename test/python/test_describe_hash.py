"""Determinism and drift detection: the content hash covers the API, not the docs."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from pybridge_agent.describe import build_descriptor
from pybridge_agent.describe.hashing import canonical_json, content_hash, without_docs

REPO = Path(__file__).resolve().parents[2]



def describe_source(directory, source, name="pb_hash_mod"):
    """Describe `source` as module `name`, re-importing it from scratch."""
    (directory / f"{name}.py").write_text(textwrap.dedent(source))
    sys.modules.pop(name, None)
    return build_descriptor(name)


VERSION_1 = '''
    """Version one."""

    def area(width: float, height: float = 1.0) -> float:
        """Area of a rectangle."""
        return width * height

    class Box:
        def volume(self, depth: float) -> float:
            return depth
'''


def test_same_module_same_hash(describe):
    first = build_descriptor("statistics")
    second = build_descriptor("statistics")
    assert first["hash"] == second["hash"]
    assert canonical_json(first) == canonical_json(second)


def test_hash_is_stable_across_processes():
    """Same hash in fresh interpreters with different string hash seeds."""
    script = ("import sys; sys.path[:0] = sys.argv[1:3]; "
              "from pybridge_agent.describe import build_descriptor; "
              "print(build_descriptor('pybridge_test_lib')['hash'], "
              "build_descriptor('fractions')['hash'])")
    hashes = set()
    for seed in ("1", "2"):
        result = subprocess.run(
            [sys.executable, "-c", script, str(REPO / "python"),
             str(REPO / "test" / "fixtures" / "python")],
            capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": seed})
        hashes.add(result.stdout.strip())
    assert len(hashes) == 1


def test_signature_change_changes_hash(tmp_modules):
    before = describe_source(tmp_modules, VERSION_1)
    again = describe_source(tmp_modules, VERSION_1)
    assert before["hash"] == again["hash"]
    changed = describe_source(tmp_modules, VERSION_1.replace("height: float = 1.0",
                                                             "height: int = 1"))
    assert changed["hash"] != before["hash"]
    method_changed = describe_source(tmp_modules, VERSION_1.replace("depth: float",
                                                                    "depth: float, unit: str"))
    assert method_changed["hash"] != before["hash"]


def test_doc_change_keeps_hash(tmp_modules):
    before = describe_source(tmp_modules, VERSION_1)
    reworded = describe_source(tmp_modules, VERSION_1.replace("Area of a rectangle.",
                                                              "The area, reworded."))
    assert reworded["root"]["members"]["area"]["doc"] == "The area, reworded."
    assert reworded["hash"] == before["hash"]
    assert reworded["origin"]["mtime_ns"] >= before["origin"]["mtime_ns"]


def test_without_docs_leaves_input_alone():
    root = {"kind": "module", "doc": "x", "members": {
        "f": {"kind": "function", "doc": "y", "signatures": []}}}
    snapshot = json.dumps(root, sort_keys=True)
    stripped = without_docs(root)
    assert "doc" not in stripped and "doc" not in stripped["members"]["f"]
    assert json.dumps(root, sort_keys=True) == snapshot
    assert content_hash(root) == content_hash(stripped)


def test_descriptor_is_json_serialisable(describe):
    descriptor = describe("pybridge_test_lib")
    assert json.loads(json.dumps(descriptor)) == descriptor


def test_a_running_programs_state_is_not_drift(tmp_modules):
    """A class-level counter a worker's calls advance changes a constant's repr, not the API:
    the hash a worker computes mid-run must equal the one compiled in."""
    module = describe_source(tmp_modules, '''
        class Counter:
            created = 0

            def __init__(self):
                Counter.created += 1
        ''')
    sys.modules["pb_hash_mod"].Counter()
    after = build_descriptor("pb_hash_mod")
    assert after["root"]["members"]["Counter"]["members"]["created"]["repr"] == "1"
    assert after["hash"] == module["hash"]


def test_the_hash_does_not_depend_on_who_imported_the_module_first(tmp_modules):
    """A worker asked for a hash may have imported the library for a call already: what the
    module kept of sys.stdout at import (a default) must be the same either way."""
    source = "import sys\ndef show(text: str, out=sys.stdout) -> None:\n    print(text, file=out)\n"
    (tmp_modules / "pb_prints.py").write_text(source)
    described_first = build_descriptor("pb_prints")["hash"]
    sys.modules.pop("pb_prints")
    import pb_prints  # noqa: F401 - a call imported it first
    assert build_descriptor("pb_prints")["hash"] == described_first
