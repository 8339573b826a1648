"""Runs the same compile command N times at once (a cold `make -j`), fails if any fails.

    parallel-compile.py N -- COMMAND...
"""
import subprocess
import sys

count = int(sys.argv[1])
command = sys.argv[sys.argv.index("--") + 1:]
processes = [subprocess.Popen(command) for _ in range(count)]
sys.exit(max(p.wait() for p in processes))
