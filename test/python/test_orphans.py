"""A worker dies with its host: given the host's pid (--parent-pid), it asks the kernel for
SIGKILL when its parent dies, and a worker whose host died before that took effect (it has
another parent already) exits at once. (The host side: test/runtime/HostDeathTest.cpp.)"""

import os
import subprocess
import sys


def test_a_worker_whose_host_is_already_gone_exits_at_once(tmp_path):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    not_the_parent = os.getppid()  # any pid but ours: as if the host had died meanwhile
    done = subprocess.run(
        [sys.executable, "-m", "pybridge_agent", "serve", "--listen",
         f"unix:{tmp_path / 'w.grpc'}", "--parent-pid", str(not_the_parent)],
        env=env, capture_output=True, timeout=60)
    assert done.returncode == 1
    assert not (tmp_path / "w.grpc").exists()  # it never served


def test_a_worker_with_its_host_alive_serves(tmp_path):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    ready_r, ready_w = os.pipe()
    process = subprocess.Popen(
        [sys.executable, "-m", "pybridge_agent", "serve", "--listen",
         f"unix:{tmp_path / 'w.grpc'}", "--parent-pid", str(os.getpid()), "--ready-fd",
         str(ready_w)], pass_fds=(ready_w,), env=env)
    os.close(ready_w)
    try:
        assert os.read(ready_r, 64).startswith(b"ready")
    finally:
        os.close(ready_r)
        process.kill()
        process.wait()
