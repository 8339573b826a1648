"""A module with one of each thing pybridge-discover writes stubs for."""
from typing import Iterator, Optional

LIMIT: int = 10


class DiscoverError(ValueError):
    """Raised when discovery fails."""


def scaled(value: float, new: float = 2.0, *, delete: bool = False) -> float:
    """Multiply a value.

    Longer description that is not the first paragraph."""
    return 0.0 if delete else value * new


def old_scaled(value: float) -> float:
    """Multiply by two.

    .. deprecated:: 1.0
       Use scaled() instead."""
    return value * 2


def countdown(start: int) -> Iterator[int]:
    """Count down to one."""
    while start > 0:
        yield start
        start -= 1


def find(name: str, default: Optional[str] = None) -> Optional[str]:
    return default


class Vector:
    """A 2-D vector."""

    def __init__(self, x: float, y: float) -> None:
        self._x, self._y = x, y

    @property
    def x(self) -> float:
        return self._x

    @x.setter
    def x(self, value: float) -> None:
        self._x = value

    @property
    def y(self) -> float:
        return self._y

    def __add__(self, other: "Vector") -> "Vector":
        return Vector(self._x + other._x, self._y + other._y)

    def __len__(self) -> int:
        return 2

    def dot(self, other: "Vector") -> float:
        return self._x * other._x + self._y * other._y

    @staticmethod
    def zero() -> "Vector":
        return Vector(0, 0)

    @classmethod
    def unit(cls, axis: int) -> "Vector":
        return cls(1.0, 0.0) if axis == 0 else cls(0.0, 1.0)
