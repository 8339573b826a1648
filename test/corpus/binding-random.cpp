// A seeded random.Random: positional parameters, keyword-only ones by C++ name (sample's
// counts, choices' k), keywords into a method with a default.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/binding-random.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>

#include <cstdio>
#include <string>
#include <vector>

struct [[pybridge::bind("random.Random")]] Random : pybridge::Object {
  using pybridge::Object::Object;
  explicit Random(long x);
  long randint(long a, long b);
  long randrange(long start, long stop, long step);
  std::vector<std::string> sample(std::vector<std::string> population, long k,
                                  std::vector<long> counts);
  std::vector<std::string> choices(std::vector<std::string> population,
                                   std::vector<double> weights, long k);
  double gauss(double mu, double sigma);
};

int main() {
  Random rng(2024);
  std::printf("%ld %ld\n", rng.randint(1, 6), rng.randrange(0, 100, 5));
  for (const std::string &s : rng.sample({"red", "blue"}, 3, {2, 3}))
    std::printf("%s ", s.c_str());
  std::printf("\n");
  for (const std::string &s : rng.choices({"a", "b", "c"}, {5, 1, 1}, 4))
    std::printf("%s ", s.c_str());
  std::printf("\n%.6f\n", rng.gauss(0, 1));
}
