"""Which modules a worker may import, checked before anything is imported."""


class NotAllowed(Exception):
    """A module outside the allowlist was requested."""


class Allowlist:
    """An allowlist entry `numpy` admits `numpy` and `numpy.*`; no entries admit everything."""

    def __init__(self, entries=None):
        self._entries = tuple(e.strip() for e in (entries or ()) if e.strip())

    @classmethod
    def parse(cls, text):
        """Builds one from a comma-separated string (the --allow option, PYBRIDGE_ALLOW)."""
        return cls(text.split(",") if text else ())

    @property
    def active(self):
        return bool(self._entries)

    def admits(self, module):
        if not self._entries:
            return True
        return any(module == e or module.startswith(e + ".") for e in self._entries)

    def check(self, module):
        if not self.admits(module):
            raise NotAllowed(
                f"module '{module}' is not in the worker's allowlist "
                f"({', '.join(self._entries)})")

    def __iter__(self):
        return iter(self._entries)
