// A module that starts a long-lived process when imported: the agent's answer is complete
// when the agent exits, although that process still holds its output pipes; the process is
// killed then, with everything else the agent started.
// RUN: rm -rf %t && mkdir -p %t/py
// RUN: echo 'import os, subprocess, sys' > %t/py/pb_spawner.py
// RUN: echo 'child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])' >> %t/py/pb_spawner.py
// RUN: echo 'open(os.environ["PYBRIDGE_TEST_PIDFILE"], "w").write(str(child.pid))' >> %t/py/pb_spawner.py
// RUN: echo 'def add(a: int, b: int) -> int: return a + b' >> %t/py/pb_spawner.py
// RUN: env PYTHONPATH=%t/py PYBRIDGE_TEST_PIDFILE=%t/pid %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t/cache -fplugin-arg-pybridge-describe-timeout=30 -fsyntax-only -Xclang -verify %s
// RUN: %pybridge_python %S/Inputs/process-alive.py %t/pid | FileCheck %s
// CHECK: gone
// expected-no-diagnostics
#include <pybridge/pybridge.hpp>

[[pybridge::bind("pb_spawner.add")]] long add(long a, long b);
