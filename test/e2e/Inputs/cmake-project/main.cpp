#include <pybridge/pybridge.hpp>

#include <iostream>

[[pybridge::bind("math.gcd")]] long gcd(long a, long b);

int main() { std::cout << "gcd " << gcd(84, 36) << "\n"; }
