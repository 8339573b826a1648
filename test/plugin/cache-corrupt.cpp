// A corrupt cache file is one error naming the file and the fix, for all the stubs using it;
// deleting the file lets the next compilation describe the module again.
// RUN: rm -rf %t && mkdir -p %t
// RUN: echo '{"schema": 1, "module": "statistics", broken' > %t/statistics.json
// RUN: %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fsyntax-only -Xclang -verify %s
// RUN: rm %t/statistics.json
// RUN: %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fsyntax-only -Xclang -verify=fixed %s
// fixed-no-diagnostics
#include <pybridge/pybridge.hpp>

[[pybridge::bind("statistics.median")]] double median(std::vector<double> data); // expected-error-re {{cached descriptor '{{.*}}statistics.json' is corrupt (invalid JSON: {{.*}}); delete it so the next compilation describes 'statistics' again}}
[[pybridge::bind("statistics.mean")]] double mean(std::vector<double> data);
