"""Errors of `build_descriptor`: the agent turns them into structured replies."""


class DescribeError(Exception):
    """A module could not be described."""


class ModuleNotFound(DescribeError):
    """No prefix of the requested path is an importable module."""


class ImportFailed(DescribeError):
    """The module exists but raised while being imported."""


class NotAllowed(DescribeError):
    """The module is outside the worker's allowlist; nothing was imported."""
