"""Version 1.0 of a small library whose next version changes its API (api-v2): the lock and
diff tests compile against one and run or compare against the other."""
__version__ = "1.0"


def area(width: float, height: float) -> float:
    return width * height


def greet(name: str) -> str:
    return f"hello {name}"


def scale(x: float, factor: float = 2.0) -> float:
    return x * factor


def legacy() -> int:
    return 1


class Counter:
    def __init__(self, start: int = 0) -> None:
        self.value = start

    def add(self, n: int) -> int:
        self.value += n
        return self.value
