// A sliding window over sensor readings: collections.deque with a maximum length, handed to
// functions that take any iterable (statistics.mean/median, sorted, max).
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-deque-window.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>

#include <cstdio>
#include <optional>
#include <vector>

namespace py {
struct [[pybridge::bind("collections.deque")]] Deque : pybridge::Object {
  using pybridge::Object::Object;
  Deque(std::vector<double> iterable, long maxlen);
  void append(double x);
  void appendleft(double x);
  double pop();
  void rotate(long n);
  std::optional<long> maxlen();
  [[pybridge::name("__len__")]] long size();
  [[pybridge::name("__getitem__")]] double at(long index);
};

[[pybridge::bind("statistics.mean")]] double mean(const Deque &data);
[[pybridge::bind("statistics.median")]] double median(const Deque &data);
[[pybridge::bind("builtins.sorted")]] std::vector<double> sorted(const Deque &iterable);
[[pybridge::bind("builtins.max")]] double max(const Deque &iterable);
} // namespace py

int main() {
  py::Deque window({20.5, 21.0, 19.5}, 4);
  std::printf("maxlen %ld\n", window.maxlen().value_or(-1));
  for (double reading : {22.0, 23.5, 18.0, 24.25}) {
    window.append(reading);
    std::printf("%ld readings, mean %.3f, median %.3f, max %.2f\n", window.size(),
                py::mean(window), py::median(window), py::max(window));
  }
  window.rotate(1);
  window.appendleft(17.0); // drops the right end: the window is full
  std::printf("first %.2f last %.2f\n", window.at(0), window.at(-1));
  std::printf("popped %.2f\n", window.pop());
  std::printf("sorted:");
  for (double x : py::sorted(window))
    std::printf(" %.2f", x);
  std::printf("\n");
}
