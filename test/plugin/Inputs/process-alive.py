"""Prints 'alive' or 'gone' for the pid in a file (a zombie waiting to be reaped is gone)."""
import sys

pid = int(open(sys.argv[1]).read().strip())
try:
    with open(f"/proc/{pid}/stat") as stat:
        state = stat.read().rsplit(")", 1)[1].split()[0]
    print("gone" if state in ("Z", "X") else "alive")
except FileNotFoundError:
    print("gone")
