// An overload that takes parameters by keyword only (typeshed's SequenceMatcher(*, a, b)):
// the C++ arguments reach the Python parameters they name, not the ones run time has at
// their position (SequenceMatcher(a, b) would be isjunk=a, a=b, and ratio() 0).
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t | FileCheck %s
// RUN: env PYBRIDGE_WORKERS=4 %t | FileCheck %s
#include <pybridge/pybridge.hpp>

#include <iostream>
#include <string>
#include <vector>

struct [[pybridge::bind("difflib.SequenceMatcher")]] SequenceMatcher : pybridge::Object {
  using pybridge::Object::Object;
  SequenceMatcher(std::vector<std::string> a, std::vector<std::string> b);
  double ratio();
};

struct [[pybridge::bind("difflib.SequenceMatcher")]] TextMatcher : pybridge::Object {
  using pybridge::Object::Object;
  TextMatcher(std::string a, std::string b);
  double ratio();
};

int main() {
  // CHECK: lists 0.5
  std::cout << "lists " << SequenceMatcher({"x", "y"}, {"x", "z"}).ratio() << "\n";
  // CHECK-NEXT: text 0.75
  std::cout << "text " << TextMatcher("abcd", "bcde").ratio() << "\n";
}
