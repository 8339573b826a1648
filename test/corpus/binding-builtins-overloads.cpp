// Overloaded builtins: the overload that takes the stub's arguments as they are named.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/binding-builtins-overloads.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>
#include <pybridge/stream.hpp>

#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

[[pybridge::bind("sum")]] double total(std::vector<double> values, double start);
[[pybridge::bind("pow")]] long power_mod(long base, long exp, long mod);
[[pybridge::bind("pow")]] double power(double base, double exp);
[[pybridge::bind("divmod")]] std::pair<long, long> divide(long a, long b);
[[pybridge::bind("sorted")]] std::vector<std::string> sorted_desc(std::vector<std::string> words,
                                                                  bool reverse);
[[pybridge::bind("max")]] long largest_or(std::vector<long> iterable,
                                          [[pybridge::name("default")]] long fallback);
[[pybridge::bind("enumerate")]] pybridge::Stream<std::pair<long, std::string>>
numbered(std::vector<std::string> iterable, long start);

int main() {
  std::printf("%g\n", total({0.5, 1.5, 2}, 10));
  std::printf("%ld %g\n", power_mod(3, 200, 7), power(2, 0.5));
  auto [q, r] = divide(17, 5);
  std::printf("%ld %ld\n", q, r);
  for (const std::string &w : sorted_desc({"pear", "apple", "fig"}, true))
    std::printf("%s ", w.c_str());
  std::printf("\n%ld %ld\n", largest_or({}, 0), largest_or({3, 8, 1}, 0));
  for (auto [i, word] : numbered({"zero", "one"}, 1))
    std::printf("%ld:%s ", i, word.c_str());
  std::printf("\n");
}
