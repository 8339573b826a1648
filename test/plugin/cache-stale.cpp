// A cached descriptor is stale when its module's file changed (mtime or size): online it is
// described again, offline it is an error.
// RUN: rm -rf %t && mkdir -p %t/py %t/cache
// RUN: echo 'def first(x: int) -> int: return x' > %t/py/pybridge_stale_mod.py
// RUN: env PYTHONPATH=%t/py %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t/cache -DFIRST -fsyntax-only -Xclang -verify=first %s
// RUN: echo 'def second(x: int) -> int: return x' >> %t/py/pybridge_stale_mod.py
// RUN: env PYTHONPATH=%t/py %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t/cache -fplugin-arg-pybridge-offline -fsyntax-only -Xclang -verify=offline %s
// RUN: env PYTHONPATH=%t/py %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t/cache -fsyntax-only -Xclang -verify=online %s
// first-no-diagnostics
// online-no-diagnostics
#include <pybridge/pybridge.hpp>

[[pybridge::bind("pybridge_stale_mod.first")]] long first(long x); // offline-error-re {{cached descriptor of 'pybridge_stale_mod' is stale ('{{.*}}pybridge_stale_mod.py' changed since it was described), and offline mode does not start Python; compile once without -fplugin-arg-pybridge-offline}}
#ifndef FIRST
[[pybridge::bind("pybridge_stale_mod.second")]] long second(long x);
#endif
