// Stubs of pybridge_api_fixture 1.0 (Inputs/api-v1), for the lock tests.
#include <pybridge/pybridge.hpp>

#include <iostream>

[[pybridge::bind("pybridge_api_fixture.greet")]] std::string greet(std::string name);
[[pybridge::bind("pybridge_api_fixture.area")]] double area(double width, double height);

int main() { std::cout << greet("lock") << " " << area(2, 3) << "\n"; }
