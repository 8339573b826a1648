// Reproducible randomness with a seeded random.Random: choice over a std::string (a str has
// len and indexing), sample from a std::tuple (a tuple is a Sequence), randint, uniform.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-random-seeded.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>

#include <cstdio>
#include <string>
#include <tuple>
#include <vector>

namespace py {
struct [[pybridge::bind("random.Random")]] Random : pybridge::Object {
  using pybridge::Object::Object;
  explicit Random(long x);
  long randint(long a, long b);
  double uniform(double a, double b);
  std::string choice(const std::string &seq);
  std::vector<long> sample(const std::tuple<long, long, long, long, long> &population, long k);
  std::vector<std::string> sample(const std::vector<std::string> &population, long k);
  double random();
};
} // namespace py

int main() {
  py::Random rng(2024);
  std::printf("dice:");
  for (int i = 0; i < 6; ++i)
    std::printf(" %ld", rng.randint(1, 6));
  std::printf("\nuniform %.6f\n", rng.uniform(-1.0, 1.0));
  std::string letters;
  for (int i = 0; i < 8; ++i)
    letters += rng.choice("ACGT");
  std::printf("dna %s\n", letters.c_str());
  std::printf("lottery:");
  for (long n : rng.sample(std::make_tuple(4L, 8L, 15L, 16L, 23L), 3))
    std::printf(" %ld", n);
  std::printf("\nteam:");
  for (const std::string &name : rng.sample({"ada", "grace", "linus", "guido", "bjarne"}, 2))
    std::printf(" %s", name.c_str());
  std::printf("\nrandom %.6f\n", rng.random());
}
