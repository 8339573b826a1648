"""PyBridge's command-line tools written in Python: pybridge-discover, pybridge-lock,
pybridge-diff and pybridge-clean (docs/tools.md). Each runs under the interpreter PyBridge was
built with, through a small launcher in bin/ (tools/pybridge-tool.in)."""
