// Every way describing can fail is one clear error at the stub, never a crash or a silent
// pass: no interpreter, no agent, an unknown module, a module raising on import.
// RUN: rm -rf %t && mkdir -p %t
// RUN: not %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fplugin-arg-pybridge-python=/nonexistent/python3 -fsyntax-only %s 2>&1 | FileCheck %s --check-prefix=NOPYTHON
// RUN: env PYBRIDGE_PYTHON=/nonexistent/python3 not %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fsyntax-only %s 2>&1 | FileCheck %s --check-prefix=NOPYTHON-ENV
// RUN: env PYBRIDGE_AGENT_PATH=%t/nowhere not %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fsyntax-only %s 2>&1 | FileCheck %s --check-prefix=NOAGENT
// RUN: %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -DBROKEN -fsyntax-only -Xclang -verify=broken %s
// RUN: env PYBRIDGE_ALLOW=json %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fsyntax-only -Xclang -verify=allow %s
#include <pybridge/pybridge.hpp>

#ifdef BROKEN
[[pybridge::bind("pybridge_test_broken.anything")]] double broken(); // broken-error {{cannot check 'pybridge_test_broken.anything': importing 'pybridge_test_broken' raised RuntimeError: pybridge_test_broken fails on import on purpose; fix the library or the environment the compiler runs in (PYTHONPATH, installed packages)}}
[[pybridge::bind("pybridge_test_broken.other")]] double broken_too();
#else
[[pybridge::bind("statistics.median")]] double median(std::vector<double> data); // allow-error {{cannot check 'statistics.median': module 'statistics.median' is not in the allowlist; add the module to PYBRIDGE_ALLOW}}
[[pybridge::bind("statistics.mean")]] double mean(std::vector<double> data);
#endif

// NOPYTHON: error: cannot start the Python interpreter '/nonexistent/python3' (from -fplugin-arg-pybridge-python) to describe 'statistics.median': No such file or directory; pass -fplugin-arg-pybridge-python=PATH or set PYBRIDGE_PYTHON
// NOPYTHON-NOT: error:
// NOPYTHON: 1 error generated
// NOPYTHON-ENV: error: cannot start the Python interpreter '/nonexistent/python3' (from PYBRIDGE_PYTHON)
// NOAGENT: error: Python interpreter '{{.*}}' cannot import the PyBridge agent from '{{.*}}nowhere'; set PYBRIDGE_AGENT_PATH to PyBridge's share/pybridge/python directory
// NOAGENT: 1 error generated
