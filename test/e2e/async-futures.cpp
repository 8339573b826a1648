// Stubs returning std::future<T> run asynchronously; futures in flight use several workers at
// once (two 0.6 s sleeps on two workers take at most 0.7 s, on distinct pids; also as the
// program's first calls, while the pool starts); errors and objects arrive through the future.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: env PYBRIDGE_WORKERS=2 %t | FileCheck %s
#include <pybridge/pybridge.hpp>
#include <pybridge/future.hpp>

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

int main() {
  {
    // The program's first calls: the pool starts with them, and the second does not queue
    // behind the first on the first worker ready.
    std::future<long> a = sleep_pid(0.3);
    std::future<long> b = sleep_pid(0.3);
    long pid_a = a.get(), pid_b = b.get();
    // CHECK: first two calls on distinct workers: 1
    std::cout << "first two calls on distinct workers: " << (pid_a != pid_b) << "\n";
  }

  auto start = std::chrono::steady_clock::now();
  std::future<long> a = sleep_pid(0.6);
  std::future<long> b = sleep_pid(0.6);
  long pid_a = a.get(), pid_b = b.get();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // CHECK-NEXT: two sleeps in parallel: 1
  std::cout << "two sleeps in parallel: " << (seconds <= 0.7) << "\n";
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
