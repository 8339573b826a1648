#include "py/statistics.hpp" // pybridge-discover statistics -o py/statistics.hpp

#include <iostream>

[[pybridge::bind("math.gcd")]] long gcd(long a, long b);

int main() {
  std::cout << "gcd " << gcd(84, 36) << "\n";
  std::cout << "median " << py::statistics::median({3, 1, 2}) << "\n";
}
