// A cache file that cannot be used (corrupt, cut short after its header, or of another schema)
// is described again and overwritten online. Offline it is all there is: one error naming the
// file and the fix, for all the stubs using it.
// RUN: rm -rf %t && mkdir -p %t
// RUN: echo '{"schema": 1, "module": "statistics", broken' > %t/statistics.json
// RUN: %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fplugin-arg-pybridge-offline -fsyntax-only -Xclang -verify=corrupt %s
// RUN: %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fsyntax-only -Xclang -verify=online %s
// RUN: %pybridge_python -c "import json, sys; print(json.load(open(sys.argv[1]))['cache_meta']['module'])" %t/statistics.json | FileCheck %s --check-prefix=REWRITTEN
// REWRITTEN: statistics
//
// RUN: %pybridge_python -c "import sys; f = sys.argv[1]; b = open(f, 'rb').read(); open(f, 'wb').write(b[:int(b[17:27]) + 10])" %t/statistics.json
// RUN: %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fplugin-arg-pybridge-offline -fsyntax-only -Xclang -verify=truncated %s
// RUN: %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fsyntax-only -Xclang -verify=online %s
// RUN: %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fplugin-arg-pybridge-offline -fsyntax-only -Xclang -verify=online %s
//
// RUN: %pybridge_python -c "import sys; f = sys.argv[1]; b = open(f, 'rb').read(); open(f, 'wb').write(b.replace(b'\"schema\":2', b'\"schema\":3', 1))" %t/statistics.json
// RUN: %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fplugin-arg-pybridge-offline -fsyntax-only -Xclang -verify=newer %s
// RUN: %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fsyntax-only -Xclang -verify=online %s
// RUN: %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fplugin-arg-pybridge-offline -fsyntax-only -Xclang -verify=online %s
//
// A file an older plugin wrote (schema 1, without the types table) likewise.
// RUN: %pybridge_python -c "import sys; f = sys.argv[1]; b = open(f, 'rb').read(); open(f, 'wb').write(b.replace(b'\"schema\":2', b'\"schema\":1', 1))" %t/statistics.json
// RUN: %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fplugin-arg-pybridge-offline -fsyntax-only -Xclang -verify=older %s
// RUN: %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fsyntax-only -Xclang -verify=online %s
// RUN: %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t -fplugin-arg-pybridge-offline -fsyntax-only -Xclang -verify=online %s
// online-no-diagnostics
#include <pybridge/pybridge.hpp>

[[pybridge::bind("statistics.median")]] double median(std::vector<double> data); // corrupt-error-re {{cached descriptor '{{.*}}statistics.json' is corrupt (not a JSON object: {{.*}}); delete it so the next compilation describes 'statistics' again}} truncated-error-re {{cached descriptor '{{.*}}statistics.json' is corrupt (the index of 'median' points outside the file); delete it}} newer-error-re {{cached descriptor '{{.*}}statistics.json' is corrupt (descriptor schema 3, this plugin reads schema 2); delete it}} older-error-re {{cached descriptor '{{.*}}statistics.json' is corrupt (descriptor schema 1, this plugin reads schema 2); delete it}}
[[pybridge::bind("statistics.mean")]] double mean(std::vector<double> data);
