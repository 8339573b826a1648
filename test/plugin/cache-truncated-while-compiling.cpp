// A cache file truncated in place while a compilation uses it never crashes the compiler:
// members are read from the open file when first looked up, never mapped (a mapping would
// turn the lost pages into SIGBUS). The member that is gone is a corrupt cache: online the
// module is described again, offline it is an error naming the file.
// RUN: rm -rf %t && mkdir -p %t/cache %t/inc
// RUN: %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t/cache -DNO_FIFO -fsyntax-only %s
// RUN: %pybridge_python %S/Inputs/truncate-while-compiling.py %t/inc/fifo.h %t/cache/statistics.json %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t/cache -fplugin-arg-pybridge-offline -I%t/inc -fsyntax-only -Xclang -verify=offline %s
// RUN: rm %t/inc/fifo.h %t/cache/statistics.json
// RUN: %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t/cache -DNO_FIFO -fsyntax-only %s
// RUN: %pybridge_python %S/Inputs/truncate-while-compiling.py %t/inc/fifo.h %t/cache/statistics.json %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t/cache -I%t/inc -fsyntax-only -Xclang -verify=online %s
// online-no-diagnostics
#include <pybridge/pybridge.hpp>

#include <vector>

[[pybridge::bind("statistics.median")]] double median(std::vector<double> data);
int after_median; // hands the stub above to the plugin before the include below
#ifndef NO_FIFO
#include "fifo.h"
#endif
[[pybridge::bind("statistics.quantiles")]] std::vector<double> quantiles(std::vector<double> data, long n); // offline-error-re {{cached descriptor '{{.*}}statistics.json' is corrupt (member 'quantiles' could not be read: the file was cut short); delete it}}
