// std::tuple and std::pair where Python takes a Sequence or an Iterable (a tuple is one):
// statistics, math.dist/prod/fsum, random.choice with a seeded generator, and a namedtuple
// result (os.path.splitext's tuple[str, str]) read as a std::pair.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-tuple-sequences.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>

#include <cstdio>
#include <string>
#include <tuple>
#include <utility>

namespace py {
using Point = std::pair<double, double>;
[[pybridge::bind("math.dist")]] double dist(Point p, Point q);
[[pybridge::bind("math.prod")]] long prod(std::tuple<long, long, long> iterable);
[[pybridge::bind("math.fsum")]] double fsum(std::tuple<double, double, double, double> seq);
[[pybridge::bind("statistics.median")]] double median(std::tuple<long, long, long, long> data);
[[pybridge::bind("statistics.mean")]] double mean(Point data);

struct [[pybridge::bind("random.Random")]] Random : pybridge::Object {
  using pybridge::Object::Object;
  explicit Random(long x);
  std::string choice(std::tuple<std::string, std::string, std::string> seq);
};

[[pybridge::bind("os.path.splitext")]] std::pair<std::string, std::string> splitext(std::string p);
} // namespace py

int main() {
  std::printf("dist %.4f\n", py::dist({0, 0}, {3, 4}));
  std::printf("prod %ld\n", py::prod({2, 3, 7}));
  std::printf("fsum %.17g\n", py::fsum({0.1, 0.2, 0.3, -0.6}));
  std::printf("median %.1f\n", py::median({5, 1, 4, 2}));
  std::printf("mean %.2f\n", py::mean({1.5, 2.0}));
  py::Random rng(7);
  for (int i = 0; i < 3; ++i)
    std::printf("pick %s\n", rng.choice({"red", "green", "blue"}).c_str());
  auto [stem, ext] = py::splitext("archive.tar.gz");
  std::printf("stem %s ext %s\n", stem.c_str(), ext.c_str());
}
