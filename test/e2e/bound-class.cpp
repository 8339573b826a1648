// A bound class end to end: the constructor makes a remote instance, methods, static and class
// methods, operator() -> __call__, objects returned by Python as the stub type or as
// pybridge::Object, passed back as arguments, and released on the worker when the last C++
// copy dies (counted on the worker through weak references: on the worker holding `near`,
// where every object this thread makes lives, whatever the number of workers).
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t | FileCheck %s
// RUN: env PYBRIDGE_WORKERS=4 %t | FileCheck %s
#include <pybridge/pybridge.hpp>

#include <iostream>
#include <vector>

namespace fx {
struct [[pybridge::bind("bridge_fixture.Counter")]] Counter : pybridge::Object {
  using pybridge::Object::Object; // adopt handles: Python returns Counters too
  explicit Counter(long start);
  Counter(long start, long step);
  long add(long amount);
  long add();
  long operator()(int times);
  Counter merge(const Counter &other) const;
  pybridge::Object child() const;
  bool same(const Counter &other) const;
  static long parse(std::string text);
  static Counter from_text(std::string text);
};

[[pybridge::bind("bridge_fixture.live")]] long live(std::string kind, const pybridge::Object &near);
} // namespace fx

int main() {
  pybridge::Object near = pybridge::call("builtins.object");
  // CHECK: live before: 0
  std::cout << "live before: " << fx::live("Counter", near) << "\n";
  {
    fx::Counter a(5);
    fx::Counter b(10, 3);
    // CHECK-NEXT: add 6 13 63
    std::cout << "add " << a.add() << " " << b.add() << " " << b.add(50) << "\n";
    // CHECK-NEXT: call 9 69
    std::cout << "call " << a(3) << " " << b(2) << "\n";
    // CHECK-NEXT: static 42 str Counter(7)
    std::cout << "static " << fx::Counter::parse("42") << " str " << fx::Counter::from_text("7")
              << "\n";
    fx::Counter sum = a.merge(b);
    // CHECK-NEXT: merged Counter(78) type bridge_fixture.Counter
    std::cout << "merged " << sum << " type " << sum.type_name() << "\n";
    // CHECK-NEXT: same 1 0
    std::cout << "same " << a.same(a) << " " << a.same(b) << "\n";
    pybridge::Object child = a.child();
    // CHECK-NEXT: child <Counter value=9 step=1> live 4
    std::cout << "child " << child.repr() << " live " << fx::live("Counter", near) << "\n";
    {
      std::vector<pybridge::Object> copies(100, child); // copies share one remote object
      // CHECK-NEXT: copies live 4
      std::cout << "copies live " << fx::live("Counter", near) << "\n";
    }
    child = pybridge::Object();
    // CHECK-NEXT: child dropped live 3
    std::cout << "child dropped live " << fx::live("Counter", near) << "\n";
  }
  // CHECK-NEXT: all dropped live 0
  std::cout << "all dropped live " << fx::live("Counter", near) << "\n";

  // Many short-lived objects: releases are batched, none is leaked or released twice.
  for (int i = 0; i < 1000; ++i) fx::Counter(i).add();
  // CHECK-NEXT: after 1000 temporaries live 0
  std::cout << "after 1000 temporaries live " << fx::live("Counter", near) << "\n";
}
