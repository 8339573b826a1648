// Forgetting the plugin is an error at the first stub whose note names the fix, not an
// undefined reference at link time. The plugin (and pybridge-check) predefine
// __PYBRIDGE_PLUGIN__; tools that read the build's flags without loading plugins (clangd) get
// PYBRIDGE_QUIET_WITHOUT_PLUGIN from them and parse stubs without a word.
// RUN: not %clangxx -std=c++20 -I%source_root/runtime/include -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=NOPLUGIN
// RUN: %clangxx -std=c++20 -Wall -Wextra -Werror -I%source_root/runtime/include -DPYBRIDGE_QUIET_WITHOUT_PLUGIN -fsyntax-only %s
// RUN: %clangxx %pybridge_cxxflags -Werror -fsyntax-only %s
#include <pybridge/pybridge.hpp>

#include <vector>

// A file using only the dynamic API needs no plugin, so the header alone is no error.
long dynamic_gcd(long a, long b) { return pybridge::call<long>("math.gcd", a, b); }

[[pybridge::bind("statistics.median")]] double median(std::vector<double> data);
[[pybridge::bind("statistics.mean")]] double mean(std::vector<double> data);

// NOPLUGIN: plugin-missing.cpp:[[@LINE-3]]:3: fatal error: unknown attribute 'bind' ignored
// NOPLUGIN: note: expanded from macro 'pybridge'
// NOPLUGIN-NEXT: #define pybridge pybridge // stubs need the PyBridge plugin: compile with clang++-19 $(pybridge-config --cxxflags), or link PyBridge::runtime in CMake
// NOPLUGIN: 1 error generated.
// NOPLUGIN-NOT: mean
