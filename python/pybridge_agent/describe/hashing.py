"""Content and configuration hashes of a descriptor.

The content hash is compiled into binaries and compared at run time to detect API drift,
so it covers the API only: docstrings are excluded (rewording a doc is not drift), and so are
the `source` fields, which name stub files by absolute path (the same library with typeshed
installed elsewhere is not drift), and constants' `repr` (a value, which a running program may
change, e.g. a class-level counter: not drift either).
"""

from __future__ import annotations

import hashlib
import json


def canonical_json(value: object) -> str:
    """The canonical form: sorted keys, no whitespace (what both hashes are taken over)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(root: dict) -> str:
    return _sha256(canonical_json(without_docs(root)))


def config_hash(**inputs: object) -> str:
    """Hash of everything besides the module that changes the answer."""
    return _sha256(canonical_json(inputs))


# Fields that describe an API without changing how it is called: a reworded docstring, a stub
# found elsewhere, or a new deprecation notice is not drift.
_NOT_API = ("doc", "source", "deprecated")


def without_docs(symbol: dict) -> dict:
    """A copy of a Symbol tree without `doc`, `source` and constants' `repr` fields (the input is
    left untouched).

    Symbols nest only through `members` and sources sit on symbols and signatures, so
    parameters and types are shared with the input rather than copied (numpy has ~300k such
    nodes).
    """
    result = dict(symbol)
    for key in _NOT_API:
        result.pop(key, None)
    result.pop("repr", None)
    for key in ("signatures", "init"):
        if key in symbol:
            result[key] = [_without_source(signature) for signature in symbol[key]]
    members = symbol.get("members")
    if members:
        result["members"] = {name: without_docs(member) for name, member in members.items()}
    return result


def _without_source(signature: dict) -> dict:
    return {key: value for key, value in signature.items() if key != "source"}


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
