// Generator functions and methods as pybridge::Stream<T>: items arrive as they are produced,
// leaving the loop early closes the generator on the worker (its `finally` runs), and an
// exception raised mid-stream is thrown by the increment that reaches it.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t | FileCheck %s
// RUN: env PYBRIDGE_WORKERS=4 %t | FileCheck %s
#include <pybridge/pybridge.hpp>
#include <pybridge/stream.hpp>
#include <pybridge/session.hpp>

#include <chrono>
#include <iostream>

[[pybridge::bind("bridge_fixture.numbers")]] pybridge::Stream<long> numbers(long n);
[[pybridge::bind("bridge_fixture.numbers")]] pybridge::Stream<long>
slow_numbers(long n, double delay);
[[pybridge::bind("bridge_fixture.numbers")]] pybridge::Stream<long>
failing_numbers(long n, double delay, long fail_at);
[[pybridge::bind("bridge_fixture.opaque_stream")]] pybridge::Stream<pybridge::Object>
opaque_stream(long n);
[[pybridge::bind("bridge_fixture.cleanups")]] std::vector<std::string> cleanups();
[[pybridge::bind("bridge_fixture.live")]] long live(std::string kind);
[[pybridge::bind("builtins.range")]] pybridge::Stream<long> range(long n);

struct [[pybridge::bind("bridge_fixture.Counter")]] Counter : pybridge::Object {
  explicit Counter(long start);
  pybridge::Stream<long> countdown();
};

void print_cleanups() {
  std::cout << "cleanups:";
  for (const auto &entry : cleanups()) std::cout << " [" << entry << "]";
  std::cout << "\n";
}

int main() {
  // cleanups() and live() read the state of one worker process: a Session keeps every call of
  // the program on one worker, whatever the number of workers.
  pybridge::Session session;
  pybridge::Session::Scope scope(session);
  // CHECK: all: 0 1 2 3 4
  std::cout << "all:";
  for (long x : numbers(5)) std::cout << " " << x;
  std::cout << "\n";
  // CHECK-NEXT: cleanups: [numbers 5]
  print_cleanups();

  // An endless-looking generator: leaving the loop closes it on the worker.
  std::cout << "early:";
  for (long x : numbers(100000000)) {
    if (x == 3) break;
    std::cout << " " << x;
  }
  std::cout << "\n";
  // CHECK-NEXT: early: 0 1 2
  // CHECK-NEXT: cleanups: [numbers 5] [numbers 100000000]
  print_cleanups();

  // Leaving while the generator sleeps between items interrupts the sleep.
  auto start = std::chrono::steady_clock::now();
  for (long x : slow_numbers(10, 5.0)) {
    std::cout << "slow first: " << x << "\n";
    break;
  }
  auto waited = std::chrono::steady_clock::now() - start;
  // CHECK-NEXT: slow first: 0
  // CHECK-NEXT: cancelled quickly: 1
  std::cout << "cancelled quickly: " << (waited < std::chrono::seconds(2)) << "\n";
  // CHECK-NEXT: cleanups: [numbers 5] [numbers 100000000] [numbers 10]
  print_cleanups();

  // Items before the exception are delivered; the exception comes at its place in the loop.
  std::cout << "failing:";
  try {
    for (long x : failing_numbers(10, 0.0, 3)) std::cout << " " << x;
    std::cout << " (no exception)";
  } catch (const pybridge::ValueError &error) {
    std::cout << " then " << error.what();
  }
  std::cout << "\n";
  // CHECK-NEXT: failing: 0 1 2 then ValueError: failed at 3
  // CHECK-NEXT: cleanups: [numbers 5] [numbers 100000000] [numbers 10] [numbers 10]
  print_cleanups();

  // A generator method; next() and collect().
  Counter counter(4);
  auto countdown = counter.countdown();
  auto first = countdown.next();
  auto rest = countdown.collect();
  // CHECK-NEXT: countdown: 4 then 3 items, next after end: 0
  std::cout << "countdown: " << *first << " then " << rest.size()
            << " items, next after end: " << countdown.next().has_value() << "\n";
  // CHECK-NEXT: cleanups: {{.*}} [countdown 4]
  print_cleanups();

  // A plain iterable (not a generator) streams too.
  long total = 0;
  for (long x : range(1001)) total += x;
  // CHECK-NEXT: range total: 500500
  std::cout << "range total: " << total << "\n";

  // Objects yielded one by one are released with the C++ copies.
  {
    std::vector<pybridge::Object> kept;
    for (pybridge::Object opaque : opaque_stream(6))
      if (kept.size() < 2) kept.push_back(opaque);
    // CHECK-NEXT: kept 2 live 2
    std::cout << "kept " << kept.size() << " live " << live("Opaque") << "\n";
  }
  // CHECK-NEXT: released live 0
  std::cout << "released live " << live("Opaque") << "\n";

  // A stream dropped before it is read is cancelled too, and the worker serves on.
  { auto unused = slow_numbers(3, 5.0); }
  // CHECK-NEXT: after unused stream: 0 1
  std::cout << "after unused stream:";
  for (long x : numbers(2)) std::cout << " " << x;
  std::cout << "\n";
}
