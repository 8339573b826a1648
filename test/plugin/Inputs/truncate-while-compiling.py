"""Cuts a cache file short while a compiler is using it, then lets the compiler go on.

Usage: truncate-while-compiling.py FIFO CACHE_FILE COMPILER ARGS...
The stub includes FIFO between two bound declarations: the compiler loads the descriptor for
the first, then blocks opening FIFO. This truncates CACHE_FILE in place to its header, closes
FIFO (an empty header) and exits with the compiler's status.
"""
import errno
import os
import subprocess
import sys
import time

fifo, cache_file, *command = sys.argv[1:]
os.mkfifo(fifo)
compiler = subprocess.Popen(command)
deadline = time.monotonic() + 60
while True:
    try:
        writer = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)  # ENXIO until a reader opens it
        break
    except OSError as error:
        if error.errno != errno.ENXIO or compiler.poll() is not None or time.monotonic() > deadline:
            compiler.kill()
            sys.exit(f"the compiler never reached {fifo}")
        time.sleep(0.01)
with open(cache_file, "r+b") as cache:
    header = int(cache.read(27)[17:27])  # {"cache_header":"0000001234"
    cache.truncate(header)
os.close(writer)
sys.exit(compiler.wait())
