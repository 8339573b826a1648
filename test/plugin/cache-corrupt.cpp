// A corrupt cache file is one error naming the file and the fix, for all the stubs using it;
// deleting the file lets the next compilation describe the module again. A file cut short
// after its header is caught when a member it lost is looked up.
// RUN: rm -rf %t && mkdir -p %t
// RUN: echo '{"schema": 1, "module": "statistics", broken' > %t/statistics.json
// RUN: %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fsyntax-only -Xclang -verify %s
// RUN: rm %t/statistics.json
// RUN: %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fsyntax-only -Xclang -verify=fixed %s
// RUN: %pybridge_python -c "import sys; f = sys.argv[1]; b = open(f, 'rb').read(); open(f, 'wb').write(b[:int(b[17:27]) + 10])" %t/statistics.json
// RUN: %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fsyntax-only -Xclang -verify=truncated %s
// fixed-no-diagnostics
#include <pybridge/pybridge.hpp>

[[pybridge::bind("statistics.median")]] double median(std::vector<double> data); // expected-error-re {{cached descriptor '{{.*}}statistics.json' is corrupt (not a JSON object: {{.*}}); delete it so the next compilation describes 'statistics' again}} truncated-error-re {{cached descriptor '{{.*}}statistics.json' is corrupt (the index of 'median' points outside the file); delete it}}
[[pybridge::bind("statistics.mean")]] double mean(std::vector<double> data);
