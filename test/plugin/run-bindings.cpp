// The bodies the plugin writes call Python as checked: keyword arguments where the
// descriptor requires them, omitted optionals, getters and setters, static and class
// methods, operator(), virtual methods, streams, coroutines and dynamic attributes.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t | FileCheck %s
#include <pybridge/pybridge.hpp>
#include <pybridge/stream.hpp>

#include <iostream>
#include <map>
#include <optional>

namespace fx {
[[pybridge::bind("pybridge_check_fixture.label")]] std::string label(std::string text, [[pybridge::name("fill")]] std::string with, int width);
[[pybridge::bind("pybridge_check_fixture.scale")]] double scale(double value, std::optional<double> factor, double offset);
[[pybridge::bind("pybridge_check_fixture.total")]] double total(double a, double b, int c);
[[pybridge::bind("pybridge_check_fixture.tally")]] std::map<std::string, long> tally(std::string name, int apples, int pears);
[[pybridge::bind("pybridge_check_fixture.clip")]] double clip(double v, double lo, double hi);
[[pybridge::bind("pybridge_check_fixture.count")]] pybridge::Stream<long> count(int n);
[[pybridge::bind("pybridge_check_fixture.fetch")]] std::string fetch(std::string key);
[[pybridge::bind("pybridge_check_fixture.join_words")]] std::string spread(std::string parts, std::string sep);
[[pybridge::bind("math.pi")]] double pi();
[[pybridge::bind("str.upper")]] std::string upper(std::string self);

struct [[pybridge::bind("pybridge_check_fixture.Counter")]] Counter : pybridge::Object {
  using pybridge::Object::Object;
  Counter(long start, long step);
  virtual ~Counter() = default;
  long value();
  long step();
  void set_step(long step);
  virtual long tick();
  long operator()(long times);
  static Counter starting_at(long start);
  static std::string describe_step(long step);
};

struct [[pybridge::bind("pybridge_check_fixture.Dynamic")]] Dynamic : pybridge::Object {
  using pybridge::Object::Object;
  Dynamic();
  std::string colour();
};
} // namespace fx

int main() {
  // CHECK: label [hi******]
  std::cout << "label [" << fx::label("hi", "*", 8) << "]\n";
  // CHECK-NEXT: scale 7 4
  std::cout << "scale " << fx::scale(3, std::nullopt, 1) << " " << fx::scale(1, 3.0, 1) << "\n";
  // CHECK-NEXT: total 6 tally 5
  std::cout << "total " << fx::total(1, 2, 3) << " tally " << fx::tally("fruit", 2, 3)["fruit"] << "\n";
  // CHECK-NEXT: clip 1
  std::cout << "clip " << fx::clip(5, 0, 1) << "\n";
  // CHECK-NEXT: count 0 1 2
  std::cout << "count";
  for (long i : fx::count(3)) std::cout << " " << i;
  std::cout << "\n";
  // CHECK-NEXT: fetch KEY spread a-b-c pi 3.14 upper ABC
  std::cout << "fetch " << fx::fetch("key") << " spread " << fx::spread("abc", "-") << " pi "
            << static_cast<int>(fx::pi() * 100) / 100.0 << " upper " << fx::upper("abc") << "\n";

  fx::Counter counter(10, 5);
  fx::Counter &base = counter;
  // CHECK-NEXT: counter 10 step 5 tick 15
  std::cout << "counter " << counter.value() << " step " << counter.step() << " tick " << base.tick() << "\n";
  counter.set_step(1);
  // CHECK-NEXT: call 18 starting_at 7 step 2
  std::cout << "call " << counter(3) << " starting_at " << fx::Counter::starting_at(7).value() << " "
            << fx::Counter::describe_step(2) << "\n";
  // CHECK-NEXT: dynamic colour
  std::cout << fx::Dynamic().colour() << "\n";
}
