"""Errors of `build_descriptor`. Each has a `kind` and fields; `to_json()` is what the describe
command prints for it, so that the clang plugin reads the failure's fields instead of parsing
English. `str()` is the same failure for people (and for the worker's error replies)."""

from __future__ import annotations


class DescribeError(Exception):
    """A module could not be described."""

    kind = "failed"

    def fields(self) -> dict:
        """The failure's own fields (beyond kind and message)."""
        return {}

    def to_json(self, path: str) -> dict:
        return {"kind": self.kind, "path": path, "message": str(self), **self.fields()}


class ModuleNotFound(DescribeError):
    """No prefix of the requested path is an importable module. `close_names` lists
    importable names near a misspelt top-level one (the plugin picks its "did you mean")."""

    kind = "module_not_found"

    def __init__(self, module: str, close_names: list[str] | None = None):
        super().__init__(f"no module named {module!r}")
        self.module = module
        self.close_names = list(close_names or [])

    def fields(self) -> dict:
        return {"module": self.module, "close_names": self.close_names}


class ImportFailed(DescribeError):
    """The module exists but raised while being imported."""

    kind = "import_failed"

    def __init__(self, module: str, error: BaseException):
        self.module = module
        self.exception = type(error).__name__
        self.detail = str(error)
        super().__init__(f"importing {module!r} raised {self.exception}: {self.detail}")

    def fields(self) -> dict:
        return {"module": self.module, "exception": self.exception, "detail": self.detail}


class NotAllowed(DescribeError):
    """The module is outside the worker's allowlist; nothing was imported."""

    kind = "not_allowed"

    def __init__(self, module: str):
        super().__init__(f"module {module!r} is not in the allowlist")
        self.module = module

    def fields(self) -> dict:
        return {"module": self.module}


class NameRefused(DescribeError):
    """A name in the path leads out of its module (`math.__dict__`), which an allowlist
    refuses (allowlist.Allowlist.check_name: the rule the worker applies to calls). `reason`
    says why, in the words the worker uses for the same refusal."""

    kind = "name_refused"

    def __init__(self, name: str, reason: str):
        super().__init__(f"name refused: {reason}")
        self.name = name
        self.reason = reason

    def fields(self) -> dict:
        return {"name": self.name, "reason": self.reason}
