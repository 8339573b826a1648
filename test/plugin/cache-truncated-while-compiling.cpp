// A cache file truncated in place while a compilation uses it changes nothing for that
// compilation: the file was read into memory (a memory mapping would turn the lost pages into
// SIGBUS when a member is first parsed).
// RUN: rm -rf %t && mkdir -p %t/cache %t/inc
// RUN: %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t/cache -DNO_FIFO -fsyntax-only %s
// LLVM maps files of 16 KiB and more:
// RUN: %pybridge_python -c "import os, sys; assert os.path.getsize(sys.argv[1]) > 16384" %t/cache/statistics.json
// RUN: %pybridge_python %S/Inputs/truncate-while-compiling.py %t/inc/fifo.h %t/cache/statistics.json %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t/cache -fplugin-arg-pybridge-offline -I%t/inc -fsyntax-only -Xclang -verify %s
// expected-no-diagnostics
#include <pybridge/pybridge.hpp>

#include <vector>

[[pybridge::bind("statistics.median")]] double median(std::vector<double> data);
int after_median; // hands the stub above to the plugin before the include below
#ifndef NO_FIFO
#include "fifo.h"
#endif
[[pybridge::bind("statistics.quantiles")]] std::vector<double> quantiles(std::vector<double> data,
                                                                         long n);
