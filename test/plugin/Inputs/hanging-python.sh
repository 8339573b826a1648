#!/bin/sh
# An interpreter that never answers: its child records its pid and sleeps, so the test can
# check that the plugin's time limit killed the whole process group.
sleep 300 &
echo $! > "$PYBRIDGE_TEST_PIDFILE"
wait
