// Every object a reply registers is released exactly once: when the result is discarded, when
// its conversion fails half-way, when a variant tries several alternatives, and not before a
// std::future call that received it as an argument has run.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t | FileCheck %s
// RUN: env PYBRIDGE_WORKERS=4 %t | FileCheck %s
#include <pybridge/pybridge.hpp>
#include <pybridge/future.hpp>
#include <pybridge/session.hpp>

#include <future>
#include <iostream>
#include <variant>
#include <vector>

[[pybridge::bind("bridge_fixture.live")]] long live(std::string kind);
[[pybridge::bind("bridge_fixture.Opaque")]] void make_and_drop(std::string name);
[[pybridge::bind("bridge_fixture.opaque_list")]] std::vector<long> opaque_list_as_longs(long n);
[[pybridge::bind("bridge_fixture.opaque_list")]] std::vector<std::variant<long, pybridge::Object>>
opaque_list(long n);
[[pybridge::bind("bridge_fixture.opaque_list")]] pybridge::Value opaque_list_value(long n);
[[pybridge::bind("bridge_fixture.name_of")]] std::future<std::string>
name_later(pybridge::Object opaque);
[[pybridge::bind("bridge_fixture.sleep_pid")]] std::future<long> sleep_later(double seconds);

int main() {
  // live() counts the objects of one worker process: a Session keeps every call of the
  // program on one worker, whatever the number of workers (a stub returning longs makes no
  // object the program keeps, so without it that call may run on any worker).
  pybridge::Session session;
  pybridge::Session::Scope scope(session);
  make_and_drop("discarded");
  // CHECK: discarded result: live 0
  std::cout << "discarded result: live " << live("Opaque") << "\n";

  try {
    opaque_list_as_longs(4);
  } catch (const pybridge::ConversionError &error) {
    // CHECK-NEXT: conversion failed: expected int from Python, got 'bridge_fixture.Opaque' object
    std::cout << "conversion failed: " << error.what() << "\n";
  }
  // CHECK-NEXT: after failed conversion: live 0
  std::cout << "after failed conversion: live " << live("Opaque") << "\n";

  {
    auto items = opaque_list(4); // long fails first for the objects, then Object fits
    std::cout << "variant:";
    for (const auto &item : items) {
      if (auto *object = std::get_if<pybridge::Object>(&item)) std::cout << " " << object->repr();
      else std::cout << " " << std::get<long>(item);
    }
    // CHECK-NEXT: variant: Opaque('0') 1 Opaque('2') 3 live 2
    std::cout << " live " << live("Opaque") << "\n";
  }
  // CHECK-NEXT: variant dropped: live 0
  std::cout << "variant dropped: live " << live("Opaque") << "\n";

  {
    pybridge::Value value = opaque_list_value(3);
    pybridge::Value copy = value;
    // CHECK-NEXT: value [Opaque('0'), 1, Opaque('2')] live 2
    std::cout << "value " << copy << " live " << live("Opaque") << "\n";
    // Read twice: the handles are shared, not adopted again.
    auto first = value.as<std::vector<pybridge::Value>>();
    auto second = value.as<std::vector<pybridge::Value>>();
    // CHECK-NEXT: read twice: Opaque('0') Opaque('0') live 2
    std::cout << "read twice: " << first[0].as<pybridge::Object>().repr() << " "
              << second[0].as<pybridge::Object>().repr() << " live " << live("Opaque") << "\n";
  }
  // CHECK-NEXT: value dropped: live 0
  std::cout << "value dropped: live " << live("Opaque") << "\n";

  {
    // One worker (the session's): the sleep holds it while the future below waits its turn,
    // and meanwhile the last C++ copy of its argument dies. The call keeps the object until
    // it has run.
    auto busy = sleep_later(0.3);
    auto opaque = pybridge::call<pybridge::Object>("bridge_fixture.Opaque", "argument");
    std::future<std::string> name = name_later(opaque);
    opaque = pybridge::Object();
    // CHECK-NEXT: future argument: argument
    std::cout << "future argument: " << name.get() << "\n";
    busy.get();
  }
  // CHECK-NEXT: future done: live 0
  std::cout << "future done: live " << live("Opaque") << "\n";
}
