// Stubs returning std::future<T> run asynchronously; futures in flight use several workers at
// once (two 0.4 s sleeps on two workers take ~0.4 s, on distinct pids); errors and objects
// arrive through the future.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: env PYBRIDGE_WORKERS=2 %t | FileCheck %s
#include <pybridge/pybridge.hpp>

#include <chrono>
#include <future>
#include <iostream>
#include <set>
#include <vector>

[[pybridge::bind("bridge_fixture.sleep_pid")]] std::future<long> sleep_pid(double seconds);
[[pybridge::bind("bridge_fixture.raise_")]] std::future<void> raise_later(std::string kind,
                                                                          std::string message);
[[pybridge::bind("math.factorial")]] std::future<long> factorial(long n);
[[pybridge::bind("bridge_fixture.Counter")]] std::future<pybridge::Object> make_counter(long start);
[[pybridge::bind("bridge_fixture.pid")]] long pid();

int main() {
  pid(); // starts the pool, so start-up is not timed below

  auto start = std::chrono::steady_clock::now();
  std::future<long> a = sleep_pid(0.4);
  std::future<long> b = sleep_pid(0.4);
  long pid_a = a.get(), pid_b = b.get();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // CHECK: two sleeps in parallel: 1
  std::cout << "two sleeps in parallel: " << (seconds < 0.7) << "\n";
  // CHECK-NEXT: distinct workers: 1
  std::cout << "distinct workers: " << (pid_a != pid_b) << "\n";

  std::vector<std::future<long>> many;
  for (long n = 0; n < 40; ++n) many.push_back(factorial(n % 20));
  long sum = 0;
  for (auto &f : many) sum += f.get();
  // CHECK-NEXT: 40 futures: 256850971870360628
  std::cout << "40 futures: " << sum << "\n";

  std::set<long> pids;
  std::vector<std::future<long>> sleeps;
  for (int i = 0; i < 6; ++i) sleeps.push_back(sleep_pid(0.1));
  for (auto &f : sleeps) pids.insert(f.get());
  // CHECK-NEXT: workers used by 6 sleeps: 2
  std::cout << "workers used by 6 sleeps: " << pids.size() << "\n";

  try {
    raise_later("KeyError", "async").get();
  } catch (const pybridge::KeyError &error) {
    // CHECK-NEXT: through the future: KeyError: 'async'
    std::cout << "through the future: " << error.what() << "\n";
  }

  pybridge::Object counter = make_counter(41).get();
  // CHECK-NEXT: object from a future: 42
  std::cout << "object from a future: " << counter.call<long>("add") << "\n";
  // A method call as a future, on the worker holding the object.
  std::future<long> added = counter.call<std::future<long>>("add", 8);
  // CHECK-NEXT: method future: 50
  std::cout << "method future: " << added.get() << "\n";
}
