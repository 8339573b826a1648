// The runtime header names what it needs first, instead of failing deep inside.
// RUN: not %clangxx -std=c++17 -I%source_root/runtime/include -fsyntax-only %s 2>&1 | FileCheck %s --check-prefix=CXX17
// RUN: not %clangxx -std=c++20 -fno-exceptions -I%source_root/runtime/include -fsyntax-only %s 2>&1 | FileCheck %s --check-prefix=NOEXC
#include <pybridge/pybridge.hpp>

// CXX17: error: "PyBridge needs C++20: compile with -std=c++20 (or later)"
// NOEXC: error: "PyBridge reports Python and bridge failures as exceptions: compile without -fno-exceptions"
int main() {}
