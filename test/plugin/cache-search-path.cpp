// The same module name may mean different files: PYTHONPATH and PYBRIDGE_STUB_PATH are part of
// the cache key (relative entries made absolute, as Python does), and the compiler's working
// directory is not on the describing agent's path, so a statistics.py there does not shadow
// the standard library's: the agent runs as a script, whose own directory Python puts on the
// path instead, with any Python version (one without -P here), in the working directory.
// RUN: rm -rf %t && mkdir -p %t/A %t/B %t/cwd %t/cache
// RUN: echo 'def f(x: int) -> int: return x' > %t/A/pb_pp_mod.py
// RUN: echo 'def f(x: str) -> str: return x' > %t/B/pb_pp_mod.py
// RUN: env PYTHONPATH=%t/A %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t/cache -DMOD -fsyntax-only -Xclang -verify=a %s
// RUN: env PYTHONPATH=%t/B %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t/cache -DMOD -fsyntax-only -Xclang -verify=b -Xclang -verify-ignore-unexpected=note %s
// RUN: cd %t && env PYTHONPATH=A %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t/cache -DMOD -fsyntax-only -Xclang -verify=a %s
// RUN: cd %t/A && env PYTHONPATH=../B %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t/cache -DMOD -fsyntax-only -Xclang -verify=b -Xclang -verify-ignore-unexpected=note %s
//
// RUN: echo 'def median(data: str) -> str: return data' > %t/cwd/statistics.py
// RUN: cd %t/cwd && %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t/cache -DSTATS -fsyntax-only -Xclang -verify=stats %s
// RUN: rm -rf %t/cache
// RUN: cd %t/cwd && env PYBRIDGE_TEST_LOG=%t/where.txt PYBRIDGE_TEST_PYTHON=%pybridge_python %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t/cache -fplugin-arg-pybridge-python=%S/Inputs/python-without-safe-path.sh -DSTATS -fsyntax-only -Xclang -verify=stats %s
// RUN: FileCheck %s --check-prefix=WHERE --input-file=%t/where.txt
// WHERE: cwd={{.*}}/cwd args={{/.*}}/pybridge_agent_main.py describe --module-hash statistics.median
// WHERE-NOT: cwd=
// a-no-diagnostics
// stats-no-diagnostics
#include <pybridge/pybridge.hpp>

#include <vector>

#ifdef MOD
[[pybridge::bind("pb_pp_mod.f")]] long f(long x); // b-error {{Python parameter 'x' expects 'str', not 'long'}} b-error {{'pb_pp_mod.f' returns 'str', not 'long'}}
#endif
#ifdef STATS
[[pybridge::bind("statistics.median")]] double median(std::vector<double> data);
#endif
