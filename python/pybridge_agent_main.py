"""Starts the agent as a script, the way the runtime and the clang plugin run it
(runtime/src/launch.hpp): Python then puts this file's directory — the agent's own — first
on sys.path, never the working directory, with any Python version (`python -m` would add the
working directory unless run with -P, which Python 3.11 introduced)."""

import sys

from pybridge_agent.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
