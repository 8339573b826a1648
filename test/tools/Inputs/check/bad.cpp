#include <pybridge/pybridge.hpp>

[[pybridge::bind("statistics.medain")]] double median(std::vector<double> data);
[[pybridge::bind("no_such_module_here.f")]] double f(double x);
