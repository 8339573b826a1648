// itertools and functools: *iterables, keyword-only initial by C++ name, streams of tuples.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/binding-itertools.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>
#include <pybridge/stream.hpp>

#include <cstdio>
#include <string>
#include <tuple>
#include <vector>

[[pybridge::bind("itertools.accumulate")]] pybridge::Stream<long>
running_total(std::vector<long> iterable, long initial);
[[pybridge::bind("itertools.combinations")]] pybridge::Stream<std::tuple<std::string, std::string>>
pairs(std::vector<std::string> iterable, long r);
[[pybridge::bind("itertools.chain")]] pybridge::Stream<long> chain(std::vector<long> first,
                                                                 std::vector<long> second,
                                                                 std::vector<long> third);
[[pybridge::bind("itertools.islice")]] pybridge::Stream<long> slice(std::vector<long> iterable,
                                                                  long start, long stop,
                                                                  long step);

int main() {
  for (long x : running_total({1, 2, 3, 4}, 100))
    std::printf("%ld ", x);
  std::printf("\n");
  for (auto [a, b] : pairs({"x", "y", "z"}, 2))
    std::printf("%s%s ", a.c_str(), b.c_str());
  std::printf("\n");
  for (long x : chain({1}, {2, 3}, {}))
    std::printf("%ld ", x);
  std::printf("\n");
  for (long x : slice({0, 1, 2, 3, 4, 5, 6, 7}, 1, 7, 3))
    std::printf("%ld ", x);
  std::printf("\n");
}
