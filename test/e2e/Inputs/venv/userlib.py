"""A user's library, installed in a virtual environment that has nothing else."""

import sys


def scale(values: list[float], factor: float) -> list[float]:
    return [v * factor for v in values]


def interpreter_prefix() -> str:
    return sys.prefix


def imported(name: str) -> bool:
    return name in sys.modules
