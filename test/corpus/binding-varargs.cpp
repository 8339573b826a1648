// *args take what the positional parameters do not; keywords after them (math, builtins,
// os.path, heapq).
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/binding-varargs.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>
#include <pybridge/stream.hpp>

#include <cstdio>
#include <string>
#include <vector>

[[pybridge::bind("math.hypot")]] double hypot(double x, double y, double z);
[[pybridge::bind("max")]] long largest(long a, long b, long c, long d);
[[pybridge::bind("min")]] long smallest_or(std::vector<long> values, [[pybridge::name("default")]] long fallback);
[[pybridge::bind("os.path.join")]] std::string join(std::string first, std::string second,
                                                    std::string third);
[[pybridge::bind("heapq.merge")]] pybridge::Stream<long> merge(std::vector<long> a,
                                                             std::vector<long> b, bool reverse);

int main() {
  std::printf("%g\n", hypot(2, 3, 6));
  std::printf("%ld\n", largest(4, 9, 2, 7));
  std::printf("%ld %ld\n", smallest_or({}, -1), smallest_or({5, 3}, -1));
  std::printf("%s\n", join("usr", "local", "bin").c_str());
  for (long value : merge({9, 5, 1}, {8, 4, 2}, true))
    std::printf("%ld ", value);
  std::printf("\n");
}
