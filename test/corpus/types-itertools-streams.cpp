// itertools' iterators as pybridge::Streams: combinations of a std::string (a str is an
// Iterable[str]), accumulate over a std::vector, chain of a vector and a set (any iterables),
// islice of a count, pairwise, and product.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-itertools-streams.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>
#include <pybridge/stream.hpp>

#include <iostream>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace it {
using pybridge::Stream;
[[pybridge::bind("itertools.combinations")]] Stream<std::tuple<std::string, std::string>>
combinations(const std::string &iterable, long r);
[[pybridge::bind("itertools.accumulate")]] Stream<long> accumulate(const std::vector<long> &iterable);
[[pybridge::bind("itertools.chain")]] Stream<long> chain(const std::vector<long> &a,
                                                         const std::set<long> &b);
[[pybridge::bind("itertools.pairwise")]] Stream<std::tuple<long, long>>
pairwise(const std::vector<long> &iterable);
[[pybridge::bind("itertools.count")]] pybridge::Object count(long start, long step);
[[pybridge::bind("itertools.islice")]] Stream<long> islice(const pybridge::Object &iterable,
                                                          long stop);
[[pybridge::bind("itertools.product")]] Stream<std::tuple<std::string, std::string>>
product(const std::string &a, const std::vector<std::string> &b);
} // namespace it

int main() {
  std::cout << "pairs:";
  for (const auto &[a, b] : it::combinations("ABCD", 2))
    std::cout << " " << a << b;
  std::cout << "\nrunning:";
  for (long total : it::accumulate({3, 1, 4, 1, 5, 9}))
    std::cout << " " << total;
  std::cout << "\nchained:";
  for (long x : it::chain({1, 2}, {9, 7, 8}))
    std::cout << " " << x;
  std::cout << "\nsteps:";
  for (const auto &[a, b] : it::pairwise({1, 4, 9, 16}))
    std::cout << " " << b - a;
  std::cout << "\nodd:";
  for (long x : it::islice(it::count(1, 2), 5))
    std::cout << " " << x;
  std::cout << "\ncells:";
  for (const auto &[col, row] : it::product("ab", {"1", "2"}))
    std::cout << " " << col << row;
  std::cout << "\n";
}
