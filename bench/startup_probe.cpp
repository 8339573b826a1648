// pybridge_startup_probe: the smallest program a user would write — one stub, one call, the
// default workers. pybridge_bench times it from its start to its first line of output, beside
// `python3 -c` doing the same.
#include <pybridge/pybridge.hpp>

#include <iostream>
#include <vector>

[[pybridge::bind("statistics.median")]] double median(std::vector<double> data);

int main() {
  std::cout << median({3.0, 1.0, 2.0}) << std::endl;
  return 0;
}
