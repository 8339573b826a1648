"""Which modules a worker may import, checked before anything is imported."""


class NotAllowed(Exception):
    """A module outside the allowlist was requested."""


class Allowlist:
    """An entry `numpy` admits `numpy` and `numpy.*`. None (no allowlist) admits everything;
    an empty list admits nothing."""

    def __init__(self, entries=None):
        self._entries = None if entries is None else tuple(
            e.strip() for e in entries if e.strip())

    @classmethod
    def parse(cls, text):
        """Builds one from a comma-separated string (the --allow option, PYBRIDGE_ALLOW);
        an empty string means no allowlist."""
        return cls(text.split(",") if text else None)

    @property
    def active(self):
        return self._entries is not None

    def as_list(self):
        """The entries, or None without an allowlist (what build_descriptor takes)."""
        return None if self._entries is None else list(self._entries)

    def admits(self, module):
        if self._entries is None:
            return True
        return any(module == e or module.startswith(e + ".") for e in self._entries)

    def check(self, module):
        if not self.admits(module):
            raise NotAllowed(
                f"module '{module}' is not in the worker's allowlist "
                f"({', '.join(self._entries)})")

    def __iter__(self):
        return iter(self._entries or ())
