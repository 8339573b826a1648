// A bound declaration without the runtime header gets one error naming the fix.
// RUN: %clangxx -std=c++20 -fplugin=%pybridge_plugin -fsyntax-only -Xclang -verify %s

[[pybridge::bind("math.sqrt")]] double root(double); // expected-error {{'root' is bound to Python, which needs the PyBridge runtime header; add '#include <pybridge/pybridge.hpp>'}}
[[pybridge::bind("math.cbrt")]] double cube_root(double);
