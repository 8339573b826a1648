"""Errors of `build_descriptor`: the agent turns them into structured replies."""


class DescribeError(Exception):
    """A module could not be described."""


class ModuleNotFound(DescribeError):
    """No prefix of the requested path is an importable module."""


class ImportFailed(DescribeError):
    """The module exists but raised while being imported."""


class NotAllowed(DescribeError):
    """The module is outside the worker's allowlist; nothing was imported."""


class NameRefused(DescribeError):
    """A name in the path leads out of its module (`math.__dict__`), which an allowlist
    refuses (allowlist.Allowlist.check_name: the rule the worker applies to calls)."""

    def __str__(self):
        return f"name refused: {super().__str__()}"  # (the clang plugin reads this prefix)
