// uses-api.cpp plus a symbol the lock does not hold.
#include <pybridge/pybridge.hpp>

[[pybridge::bind("pybridge_api_fixture.greet")]] std::string greet(std::string name);
[[pybridge::bind("pybridge_api_fixture.scale")]] double scale(double x);
