"""Runs a command, passes its output through, then prints `exit status: N` (and exits 0), so a
test can FileCheck a tool's exit status next to its messages: `%exit_status tool ARGS 2>&1`."""
import subprocess
import sys

status = subprocess.run(sys.argv[1:]).returncode
sys.stdout.flush()
print(f"exit status: {status}", flush=True)
