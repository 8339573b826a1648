// time-report: one remark per descriptor loaded (from the cache or described by Python),
// with its time and size, and the total the plugin spent.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fplugin-arg-pybridge-time-report -fsyntax-only %s 2>&1 | FileCheck %s --check-prefix=COLD
// RUN: %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fplugin-arg-pybridge-time-report -fsyntax-only %s 2>&1 | FileCheck %s --check-prefix=WARM
// RUN: %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fsyntax-only %s 2>&1 | count 0
#include <pybridge/pybridge.hpp>

[[pybridge::bind("statistics.median")]] double median(std::vector<double> data);
[[pybridge::bind("math.sqrt")]] double root(double x);
[[pybridge::bind("math.cbrt")]] double cube_root(double x);

// COLD: remark: descriptor of 'statistics' described by Python in {{[0-9]+\.[0-9]+}} ms ({{[0-9]+}} bytes)
// COLD: remark: descriptor of 'math' described by Python in {{[0-9]+\.[0-9]+}} ms
// COLD-NOT: descriptor of
// COLD: remark: PyBridge bound 3 declarations in {{[0-9]+\.[0-9]+}} ms (descriptors, checks and bodies)
// WARM: remark: descriptor of 'statistics' read from the cache in {{[0-9]+\.[0-9]+}} ms ({{[0-9]+}} bytes)
// WARM: remark: descriptor of 'math' read from the cache in
// WARM-NOT: descriptor of
// WARM: remark: PyBridge bound 3 declarations in
