// An agent that hangs is stopped after describe-timeout seconds, with everything it started,
// and reported once.
// RUN: rm -rf %t && mkdir -p %t
// RUN: env PYBRIDGE_TEST_PIDFILE=%t/pid %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fplugin-arg-pybridge-python=%S/Inputs/hanging-python.sh -fplugin-arg-pybridge-describe-timeout=1 -fsyntax-only -Xclang -verify %s
// RUN: %pybridge_python %S/Inputs/process-alive.py %t/pid | FileCheck %s
// CHECK: gone
// RUN: not %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-describe-timeout=0 -fsyntax-only %s 2>&1 | FileCheck %s --check-prefix=ZERO
// ZERO: error: invalid argument '-fplugin-arg-pybridge-describe-timeout=0': expected a positive number of seconds
#include <pybridge/pybridge.hpp>

[[pybridge::bind("statistics.median")]] double median(std::vector<double> data); // expected-error {{describing 'statistics.median' took longer than 1 seconds and was stopped; if importing it is that slow, raise -fplugin-arg-pybridge-describe-timeout=SECONDS}}
[[pybridge::bind("statistics.mean")]] double mean(std::vector<double> data);
