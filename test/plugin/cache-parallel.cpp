// Parallel compilations on a cold cache describe each module once (the others wait on the
// lock and read); a warm compilation starts no Python; a different interpreter describes
// again (the cache key names it). No temporary files are left behind.
// RUN: rm -rf %t && mkdir -p %t/cache
// RUN: cp %S/Inputs/logging-python.sh %t/python-a && cp %S/Inputs/logging-python.sh %t/python-b
// RUN: env PYBRIDGE_TEST_LOG=%t/log PYBRIDGE_TEST_PYTHON=%pybridge_python %pybridge_python %S/Inputs/parallel-compile.py 4 -- %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t/cache -fplugin-arg-pybridge-python=%t/python-a -fsyntax-only %s
// RUN: FileCheck %s --check-prefix=COLD < %t/log
// RUN: env PYBRIDGE_TEST_LOG=%t/log PYBRIDGE_TEST_PYTHON=%pybridge_python %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t/cache -fplugin-arg-pybridge-python=%t/python-a -fsyntax-only %s
// RUN: FileCheck %s --check-prefix=COLD < %t/log
// RUN: env PYBRIDGE_TEST_LOG=%t/log-b PYBRIDGE_TEST_PYTHON=%pybridge_python %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t/cache -fplugin-arg-pybridge-python=%t/python-b -fsyntax-only %s
// RUN: FileCheck %s --check-prefix=COLD < %t/log-b
// RUN: ls %t/cache | FileCheck %s --check-prefix=FILES --implicit-check-not=tmp
#include <pybridge/pybridge.hpp>

[[pybridge::bind("statistics.median")]] double median(std::vector<double> data);
[[pybridge::bind("statistics.mean")]] double mean(std::vector<double> data);
[[pybridge::bind("math.sqrt")]] double root(double x);

// COLD-DAG: describe --module-hash statistics.median
// COLD-DAG: describe --module-hash math.sqrt
// COLD-NOT: describe

// FILES: math.json
// FILES: statistics.json
