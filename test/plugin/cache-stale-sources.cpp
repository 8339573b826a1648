// A cached descriptor is stale when any file it was made from changes, not only the module's
// own: a submodule a package re-exports from, a stub in PYBRIDGE_STUB_PATH, or a stub that
// appears where none was. Online it is described again, offline the changed file is named.
// RUN: rm -rf %t && mkdir -p %t/py/pb_src_pkg %t/stubs %t/cache
// RUN: echo 'from .core import f' > %t/py/pb_src_pkg/__init__.py
// RUN: echo 'def f(x: int) -> int: return x' > %t/py/pb_src_pkg/core.py
// RUN: echo 'def g(x): return x' > %t/py/pb_src_untyped.py
// RUN: env PYTHONPATH=%t/py PYBRIDGE_STUB_PATH=%t/stubs %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t/cache -fsyntax-only -Xclang -verify=first %s
//
// The package's __init__.py stays as it was; the module defining its member changes.
// RUN: echo 'def f(x: str, y: str = "") -> str: return x' > %t/py/pb_src_pkg/core.py
// RUN: env PYTHONPATH=%t/py PYBRIDGE_STUB_PATH=%t/stubs %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t/cache -fplugin-arg-pybridge-offline -fsyntax-only -Xclang -verify=offline %s
// RUN: env PYTHONPATH=%t/py PYBRIDGE_STUB_PATH=%t/stubs %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t/cache -fsyntax-only -Xclang -verify=edited -Xclang -verify-ignore-unexpected=note %s
//
// A stub appears in PYBRIDGE_STUB_PATH, then is edited.
// RUN: echo 'def g(x: int) -> int: ...' > %t/stubs/pb_src_untyped.pyi
// RUN: env PYTHONPATH=%t/py PYBRIDGE_STUB_PATH=%t/stubs %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t/cache -fsyntax-only -Xclang -verify=edited,stubbed -Xclang -verify-ignore-unexpected=note %s
// RUN: echo 'def g(x: str) -> str: ...' > %t/stubs/pb_src_untyped.pyi
// RUN: env PYTHONPATH=%t/py PYBRIDGE_STUB_PATH=%t/stubs %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t/cache -fsyntax-only -Xclang -verify=edited -Xclang -verify-ignore-unexpected=note %s
// first-no-diagnostics
#include <pybridge/pybridge.hpp>

#include <string>

[[pybridge::bind("pb_src_pkg.f")]] long f(long x); // offline-error-re {{cached descriptor of 'pb_src_pkg' is stale ('{{.*}}pb_src_pkg{{/|\\}}core.py' changed since it was described)}} edited-error {{Python parameter 'x' expects 'str', not 'long'}} edited-error {{'pb_src_pkg.f' returns 'str', not 'long'}}
[[pybridge::bind("pb_src_untyped.g")]] std::string g(std::string x); // stubbed-error {{Python parameter 'x' expects 'int', not 'std::string'}} stubbed-error {{'pb_src_untyped.g' returns 'int', not 'std::string'}}
