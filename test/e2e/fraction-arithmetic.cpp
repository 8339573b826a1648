// Fractions made by separate calls combine, whatever the worker count: on the main thread,
// in std::future calls, and across threads (objects made on other threads move to the worker
// of the call that combines them). fraction-arithmetic.py is the same program in Python.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %pybridge_python %S/fraction-arithmetic.py > %t.expected
// RUN: %t | %diff %t.expected -
// RUN: env PYBRIDGE_WORKERS=1 %t | %diff %t.expected -
// RUN: env PYBRIDGE_WORKERS=2 %t | %diff %t.expected -
// RUN: env PYBRIDGE_WORKERS=4 %t | %diff %t.expected -
#include <pybridge/pybridge.hpp>
#include <pybridge/future.hpp>

#include <future>
#include <iostream>
#include <thread>
#include <vector>

struct [[pybridge::bind("fractions.Fraction")]] Fraction : pybridge::Object {
  using pybridge::Object::Object;
  Fraction(long numerator, long denominator);
  Fraction operator+(const Fraction &other) const;
  Fraction operator-(const Fraction &other) const;
  Fraction operator*(const Fraction &other) const;
  Fraction limit_denominator(long max_denominator) const;
};

[[pybridge::bind("fractions.Fraction")]] std::future<Fraction> fraction_later(long numerator,
                                                                             long denominator);
[[pybridge::bind("statistics.mean")]] Fraction mean(const std::vector<Fraction> &data);
[[pybridge::bind("math.floor")]] long floor(const Fraction &x);

int main() {
  Fraction a(1, 3), b(1, 6);
  std::cout << "a + b = " << a + b << "\n";
  std::cout << "a * b = " << a * b << "\n";
  std::cout << "a - b = " << a - b << "\n";

  Fraction harmonic(0, 1);
  for (long k = 1; k <= 10; ++k)
    harmonic = harmonic + Fraction(1, k);
  std::cout << "H(10) = " << harmonic << ", floor " << floor(harmonic) << "\n";
  std::cout << "H(10) ~ " << harmonic.limit_denominator(100) << "\n";

  std::vector<Fraction> thirds;
  for (long k = 1; k <= 4; ++k)
    thirds.emplace_back(k, 3);
  std::cout << "mean of k/3 = " << mean(thirds) << "\n";

  // Made by std::future calls, combined with the main thread's.
  std::future<Fraction> quarter = fraction_later(1, 4), fifth = fraction_later(1, 5);
  std::cout << "a + 1/4 + 1/5 = " << a + quarter.get() + fifth.get() << "\n";

  // Each thread makes its own fractions and sums them; the main thread adds the sums up.
  std::vector<Fraction> sums(4);
  std::vector<std::thread> threads;
  for (long t = 0; t < 4; ++t)
    threads.emplace_back([t, &sums] {
      Fraction sum(0, 1);
      for (long k = 1; k <= 5; ++k)
        sum = sum + Fraction(1, t * 5 + k);
      sums[t] = sum;
    });
  for (auto &thread : threads)
    thread.join();
  Fraction total = sums[0];
  for (std::size_t t = 1; t < sums.size(); ++t)
    total = total + sums[t];
  std::cout << "H(20) = " << total << "\n";
  std::cout << "H(20) - H(10) - 1/11 = " << total - harmonic - Fraction(1, 11) << "\n";
}
