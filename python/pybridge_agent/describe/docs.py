"""Docstring summaries and deprecation markers.

Descriptors carry only the first paragraph of a docstring (at most 400 characters): enough
for a generated stub header's comment, small enough that describing numpy stays compact.
"""

from __future__ import annotations

import inspect
import re

MAX_DOC = 400
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_DEPRECATED_DIRECTIVE = re.compile(r"^\s*\.\.\s+deprecated::[ \t]*(.*)$", re.MULTILINE)
_DESCRIBES_A_USE = re.compile(r"(Using|Passing|Calling|Giving|Specifying)\b")


def raw_doc(obj: object) -> str | None:
    """The object's own docstring (not one inherited from its class)."""
    try:
        doc = getattr(obj, "__doc__", None)
    except Exception:
        return None
    return doc if isinstance(doc, str) and doc.strip() else None


def summary(doc: str | None) -> str | None:
    """First paragraph, whitespace collapsed, truncated to MAX_DOC characters."""
    if not doc:
        return None
    # The first paragraph ends at the first blank line; no need to clean the rest.
    paragraph = _PARAGRAPH_BREAK.split(doc.strip(), maxsplit=1)[0]
    text = " ".join(paragraph.split())
    if not text:
        return None
    if len(text) > MAX_DOC:
        text = text[: MAX_DOC - 3].rstrip() + "..."
    return text


def deprecation(obj: object, doc: str | None) -> str | None:
    """`__deprecated__` (PEP 702) or a `.. deprecated::` docstring directive, as a message."""
    try:
        marker = getattr(obj, "__deprecated__", None)
    except Exception:
        marker = None
    if isinstance(marker, str) and marker:
        return marker
    if doc and "deprecated::" in doc:
        return _directive_message(inspect.cleandoc(doc))
    return None


def _directive_message(doc: str) -> str | None:
    """`.. deprecated:: 1.2\n   Use bar.` -> "1.2: Use bar." (version, then the indented text).

    Only a directive right after the summary deprecates the object itself (numpydoc and Sphinx
    put it there); one further down deprecates some behaviour (sympy's `sympify` deprecates
    its fallback to `str()`), as does one that starts by describing a use ("Using arguments
    that ...", "Passing a set ..."): no reason to warn about every use."""
    match = _DEPRECATED_DIRECTIVE.search(doc)
    if match is None or len(_PARAGRAPH_BREAK.findall(doc[:match.start()])) > 1:
        return None
    version = match.group(1).strip()
    body_lines = []
    for line in doc[match.end():].splitlines()[1:]:
        if line.strip() and not line[:1].isspace():
            break
        if not line.strip() and body_lines:
            break
        if line.strip():
            body_lines.append(line.strip())
    body = " ".join(body_lines)
    if _DESCRIBES_A_USE.match(body):
        return None
    message = f"{version}: {body}" if version and body else (version or body or "deprecated")
    return message[:MAX_DOC]


def annotate(symbol: dict, obj: object, name: str | None = None,
             stub_deprecation: str | None = None) -> None:
    """Add `doc` and `deprecated` to a symbol when the object has them."""
    doc = raw_doc(obj)
    text = summary(_skip_signature_line(doc, name))
    if text:
        symbol["doc"] = text
    deprecated = deprecation(obj, doc) or stub_deprecation
    if deprecated:
        symbol["deprecated"] = deprecated


def _skip_signature_line(doc: str | None, name: str | None) -> str | None:
    """C functions' docstrings often start with `name(args)`: that is not a summary."""
    if not doc or not name:
        return doc
    stripped = doc.lstrip()
    if stripped.startswith(name + "(") and "\n\n" in stripped:
        return stripped.split("\n\n", 1)[1]
    return doc
