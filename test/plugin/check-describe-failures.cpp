// A member whose description failed in Python is reported with what Python raised, not as
// "a Python object, not a function".
// RUN: %clangxx %pybridge_cxxflags -fsyntax-only -Xclang -verify %s
#include <pybridge/pybridge.hpp>

[[pybridge::bind("pybridge_test_lib.exploding")]] long exploding(); // expected-error {{cannot check 'pybridge_test_lib.exploding': describing it in Python raised RuntimeError: exploding attribute}}
