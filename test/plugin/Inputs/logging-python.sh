#!/bin/sh
# An interpreter for -fplugin-arg-pybridge-python that logs each start, so tests can count
# how often the plugin described a module.
echo "$*" >> "$PYBRIDGE_TEST_LOG"
exec "$PYBRIDGE_TEST_PYTHON" "$@"
