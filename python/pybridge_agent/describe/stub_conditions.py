"""Evaluate the `if` tests that stubs use, against the running interpreter.

Typeshed selects definitions with `sys.version_info >= (3, 10)`, `sys.platform == "linux"`,
`sys.platform.startswith("linux")`, combined with `and` / `or` / `not`. Anything else is
unknown (None); the caller then takes the `if` branch, as type checkers do by default.
"""

from __future__ import annotations

import ast
import operator
import sys

_COMPARE = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt,
    ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge,
}


def evaluate(test: ast.expr) -> bool | None:
    """True/False when the test is decidable here, None when it is not."""
    if isinstance(test, ast.BoolOp):
        return _evaluate_boolop(test)
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        inner = evaluate(test.operand)
        return None if inner is None else not inner
    if isinstance(test, ast.Name) and test.id == "TYPE_CHECKING":
        return True
    if isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING":
        return True
    if isinstance(test, ast.Compare):
        return _evaluate_compare(test)
    if isinstance(test, ast.Call):
        return _evaluate_startswith(test)
    return None


def _evaluate_boolop(test: ast.BoolOp) -> bool | None:
    values = [evaluate(value) for value in test.values]
    if isinstance(test.op, ast.And):
        if any(value is False for value in values):
            return False
        return None if None in values else True
    if any(value is True for value in values):
        return True
    return None if None in values else False


def _evaluate_compare(test: ast.Compare) -> bool | None:
    if len(test.ops) != 1 or type(test.ops[0]) not in _COMPARE:
        return None
    left = _sys_value(test.left)
    try:
        right = ast.literal_eval(test.comparators[0])
    except ValueError:
        return None
    if left is None:
        return None
    try:
        return bool(_COMPARE[type(test.ops[0])](left, right))
    except TypeError:
        return None


def _evaluate_startswith(test: ast.Call) -> bool | None:
    func = test.func
    if not (isinstance(func, ast.Attribute) and func.attr == "startswith" and len(test.args) == 1):
        return None
    value = _sys_value(func.value)
    if not isinstance(value, str):
        return None
    try:
        prefix = ast.literal_eval(test.args[0])
    except ValueError:
        return None
    return value.startswith(prefix) if isinstance(prefix, (str, tuple)) else None


def _sys_value(node: ast.expr) -> object:
    """The value of `sys.version_info`, `sys.version_info[:2]`, `sys.platform`, else None."""
    if _is_sys_attr(node, "platform"):
        return sys.platform
    if _is_sys_attr(node, "version_info"):
        return tuple(sys.version_info)
    if isinstance(node, ast.Subscript) and _is_sys_attr(node.value, "version_info"):
        try:
            index = _literal_index(node.slice)
        except ValueError:
            return None
        return tuple(sys.version_info)[index]
    return None


def _literal_index(node: ast.expr) -> int | slice:
    if isinstance(node, ast.Slice):
        bounds = [ast.literal_eval(b) if b is not None else None
                  for b in (node.lower, node.upper, node.step)]
        return slice(*bounds)
    return ast.literal_eval(node)


def _is_sys_attr(node: ast.expr, attr: str) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == attr
            and isinstance(node.value, ast.Name) and node.value.id == "sys")
