// Large numpy arrays travel raw after the fast lane's frame (its trailer), both
// ways: alone, several in one frame next to small ones, as stream items, and
// writable on the worker.
// REQUIRES: python-numpy
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t | FileCheck %s
// RUN: env PYBRIDGE_WORKERS=4 %t | FileCheck %s
#include <pybridge/pybridge.hpp>
#include <pybridge/stream.hpp>
#include <pybridge/ndarray.hpp>

#include <iostream>
#include <map>
#include <numeric>
#include <string>
#include <vector>

using pybridge::NDArray;

[[pybridge::bind("numpy.negative")]] NDArray negative(NDArray x);

namespace {
bool all(const NDArray &array, double first, double step) {
  auto values = array.values<double>();
  for (std::size_t i = 0; i < values.size(); ++i)
    if (values[i] != first + step * static_cast<double>(i))
      return false;
  return true;
}
} // namespace

int main() {
  std::vector<double> values(1 << 20); // 8 MiB
  std::iota(values.begin(), values.end(), 0.0);
  NDArray big = NDArray::from(values);
  NDArray small = NDArray::from(std::vector<double>{1, 2, 3});

  // CHECK: negative 1048576 -1048575 1
  NDArray negated = negative(big);
  std::cout << "negative " << negated.size() << " "
            << static_cast<long>(negated.values<double>().back()) << " "
            << all(negated, 0, -1) << "\n";

  // Four large arrays in one reply.
  // CHECK-NEXT: split 4 262144 1 1
  auto parts = pybridge::call<std::vector<NDArray>>("numpy.split", big, 4);
  std::cout << "split " << parts.size() << " " << parts[3].size() << " "
            << all(parts[0], 0, 1) << " " << all(parts[3], 3 * 262144, 1)
            << "\n";

  // Large and small arrays by keyword into a dict, and back.
  // CHECK-NEXT: dict big=1048576 small=3 1
  auto dict = pybridge::call<std::map<std::string, NDArray>>(
      "dict", pybridge::kw("big", big), pybridge::kw("small", small));
  std::cout << "dict big=" << dict["big"].size()
            << " small=" << dict["small"].size() << " "
            << all(dict["big"], 0, 1) << "\n";

  // An array decoded from the trailer is writable on the worker (copyto writes
  // into it). CHECK-NEXT: copyto ok
  pybridge::call<void>("numpy.copyto", big, negated);
  std::cout << "copyto ok\n";

  // Stream items carry trailers of their own.
  // CHECK-NEXT: stream 3 1
  int count = 0;
  bool same = true;
  for (const NDArray &item :
       pybridge::call<pybridge::Stream<NDArray>>("itertools.repeat", big, 3)) {
    ++count;
    same = same && all(item, 0, 1);
  }
  std::cout << "stream " << count << " " << same << "\n";
}
