"""PyBridge worker agent: describes Python modules and runs calls for the C++ runtime."""

__version__ = "0.1.0"

from .callbacks import CallbackError  # noqa: E402,F401 - what Python code may catch
