// Offline mode never starts Python: a miss is one error naming the fix; once the cache is
// filled, offline compilations check against it.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fplugin-arg-pybridge-offline -fsyntax-only -Xclang -verify %s
// RUN: %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fsyntax-only -Xclang -verify=filled %s
// RUN: env PYBRIDGE_PYTHON=/nonexistent/python3 %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fplugin-arg-pybridge-offline -fsyntax-only -Xclang -verify=filled %s
// filled-no-diagnostics
#include <pybridge/pybridge.hpp>

[[pybridge::bind("statistics.median")]] double median(std::vector<double> data); // expected-error-re {{no cached descriptor for 'statistics.median' in '{{.*}}', and offline mode does not start Python; compile once without -fplugin-arg-pybridge-offline to fill the cache}}
[[pybridge::bind("statistics.mean")]] double mean(std::vector<double> data);
[[pybridge::bind("math.sqrt")]] double root(double x); // expected-error {{no cached descriptor for 'math.sqrt'}}
