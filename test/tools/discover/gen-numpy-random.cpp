// pybridge-discover numpy.random: seeded random numbers from numpy
// RUN: rm -rf %t && mkdir -p %t/py
// RUN: %discover_and_build numpy.random -o %t/py/numpy-random.hpp 2> %t/coverage
// RUN: FileCheck %s < %t/coverage
// RUN: grep -v spawn_key %t/py/numpy-random.hpp | not grep "the compiler rejects it"
// REQUIRES: python-numpy
// (The setter of SeedSequence.spawn_key, a tuple[int, ...] property, taking a std::vector<long>
// is a checker bug: an argument of type tuple[T, ...] takes a vector, a property's does not yet.)
// RUN: %clangxx %pybridge_cxxflags -Werror -I%t %s -o %t/main %pybridge_ldflags
// RUN: env -u PYBRIDGE_WORKERS %t/main > %t/cpp.out
// RUN: %pybridge_python %S/gen-numpy-random.py > %t/py.out
// RUN: diff %t/py.out %t/cpp.out
// CHECK: coverage: numpy.random: {{[0-9]+}} of {{[0-9]+}} public symbols emitted
#include "py/numpy-random.hpp"

#include <pybridge/ndarray.hpp>
#include <pybridge/session.hpp>

#include <cstdio>

namespace rnd = py::numpy::random;

int main() {
  pybridge::Session session; // the generator keeps its state on one worker
  pybridge::Session::Scope scope(session);
  rnd::Generator rng = rnd::default_rng(pybridge::NDArray::from(std::vector<long>{42}));
  std::printf("integers %ld %ld %ld\n", rng.integers(0, 100), rng.integers(0, 100), rng.integers(0, 100));
  std::printf("random %.6f\n", rng.random());
  std::printf("normal %.6f\n", rng.normal(10.0, 2.0));
  pybridge::NDArray shuffled = rng.permutation(6);
  std::printf("permutation");
  for (long x : shuffled.values<long>())
    std::printf(" %ld", x);
  std::printf("\n");
  rnd::RandomState legacy(7);
  std::printf("legacy %.6f\n", legacy.random_sample());
}
