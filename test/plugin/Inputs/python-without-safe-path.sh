#!/bin/sh
# An interpreter older than Python 3.11, which has no -P: it refuses the option as they do,
# else records its working directory and arguments and runs the real interpreter
# ($PYBRIDGE_TEST_PYTHON).
if [ "$1" = "-P" ]; then
  echo "Unknown option: -P" >&2
  echo "usage: python3 [option] ... [-c cmd | -m mod | file | -] [arg] ..." >&2
  exit 2
fi
echo "cwd=$(pwd) args=$*" >> "$PYBRIDGE_TEST_LOG"
exec "$PYBRIDGE_TEST_PYTHON" "$@"
