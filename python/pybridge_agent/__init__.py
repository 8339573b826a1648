"""PyBridge worker agent: describes Python modules and runs calls for the C++ runtime."""

__version__ = "0.1.0"
