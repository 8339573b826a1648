"""Version 2.0 (see api-v1): area needs a depth, greet takes a punctuation mark, scale only
takes ints, legacy is gone, volume is new, Counter.add takes n by keyword only."""
__version__ = "2.0"


def area(width: float, height: float, depth: float) -> float:
    return width * height * depth


def greet(name: str, punctuation: str = "!") -> str:
    return f"hello {name}{punctuation}"


def scale(x: int, factor: float = 2.0) -> float:
    return x * factor


def volume(side: float) -> float:
    return side ** 3


class Counter:
    def __init__(self, start: int = 0) -> None:
        self.value = start

    def add(self, *, n: int) -> int:
        self.value += n
        return self.value
