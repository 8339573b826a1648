#include <pybridge/pybridge.hpp>

[[pybridge::bind("statistics.median")]] double median(std::vector<double> data);

int main() { return median({1, 2, 3}) == 2 ? 0 : 1; }
