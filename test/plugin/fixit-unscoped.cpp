// The bare [[bind]] spelling suggests the scoped one with a fix-it.
// RUN: %clangxx %pybridge_cxxflags -fsyntax-only -fdiagnostics-parseable-fixits %s 2>&1 | FileCheck %s
#include <pybridge/pybridge.hpp>

[[bind("math.sqrt")]] double root(double);
// CHECK: warning: unknown attribute 'bind' ignored; did you mean 'pybridge::bind'?
// CHECK: fix-it:"{{.*}}fixit-unscoped.cpp":{5:3-5:3}:"pybridge::"
