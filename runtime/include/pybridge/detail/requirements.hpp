// What a translation unit needs to use PyBridge, checked before anything else fails obscurely.
#pragma once

#if __cplusplus < 202002L
#error "PyBridge needs C++20: compile with -std=c++20 (or later)"
#endif

#if !defined(__cpp_exceptions) && !defined(__EXCEPTIONS)
#error "PyBridge reports Python and bridge failures as exceptions: compile without -fno-exceptions"
#endif
