// `cmake --install` yields a tree whose pybridge-config builds a user's file from any
// directory, and whose runtime finds the agent and the interpreter with no environment.
// RUN: rm -rf %t && mkdir -p %t/elsewhere
// RUN: cmake --install %build_root --prefix %t/prefix > /dev/null
// RUN: cd %t/elsewhere && bash -c '%clangxx -std=c++20 $(%t/prefix/bin/pybridge-config --cxxflags) %s -o main $(%t/prefix/bin/pybridge-config --ldflags)'
// RUN: cd %t/elsewhere && env -u PYTHONPATH PATH=/usr/bin:/bin ./main | FileCheck %s
// RUN: %t/prefix/bin/pybridge-config --cxxflags | FileCheck %s --check-prefix=FLAGS
// RUN: %t/prefix/bin/pybridge-config --ldflags | FileCheck %s --check-prefix=LIBS
// RUN: not %t/prefix/bin/pybridge-config --bogus 2>&1 | FileCheck %s --check-prefix=BOGUS
#include <pybridge/pybridge.hpp>

#include <iostream>

[[pybridge::bind("math.factorial")]] long factorial(long n);

int main() {
  // CHECK: 20! = 2432902008176640000
  std::cout << "20! = " << factorial(20) << "\n";
}

// FLAGS: -I{{.*}}/prefix/include -fplugin={{.*}}/prefix/lib/pybridge.so -DPYBRIDGE_QUIET_WITHOUT_PLUGIN{{$}}
// The runtime links gRPC and protobuf itself: a program links the runtime alone.
// LIBS: -L{{.*}}/prefix/lib -Wl,-rpath,{{.*}}/prefix/lib -lpybridge_runtime{{$}}
// BOGUS: pybridge-config: unknown option '--bogus'
