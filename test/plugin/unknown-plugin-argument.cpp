// RUN: not %clangxx -std=c++20 -fplugin=%pybridge_plugin -fplugin-arg-pybridge-cachedir=x -fsyntax-only %s 2>&1 | FileCheck %s
// CHECK: error: unknown argument '-fplugin-arg-pybridge-cachedir=x'; known: cache-dir=DIR, offline, python=PATH
int main() {}
