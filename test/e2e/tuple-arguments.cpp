// A std::vector argument whose Python parameter is a variable-length tuple (tuple[T, ...]) is
// sent as a tuple, not a list: str.startswith takes a tuple of prefixes and rejects a list
// with TypeError. Inside a container the runtime sends vectors as lists, so
// the checker rejects a vector there (test/plugin/check-types.cpp).
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t | FileCheck %s
// RUN: env PYBRIDGE_WORKERS=4 %t | FileCheck %s
#include <pybridge/pybridge.hpp>

#include <iostream>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

[[pybridge::bind("str.startswith")]] bool starts_with(std::string text, std::vector<std::string> prefixes);
[[pybridge::bind("pybridge_check_fixture.sent_as")]] std::string sent_as(std::vector<long> items, std::vector<std::string> more, std::vector<std::string> again);
[[pybridge::bind("pybridge_check_fixture.sent_as")]] std::string sent_as_list(std::vector<long> items, std::optional<std::vector<std::string>> more);
[[pybridge::bind("pybridge_check_fixture.rows_total")]] long rows_total(std::vector<std::tuple<long, long>> rows);

int main() {
  // CHECK: startswith 1 0
  std::cout << "startswith " << starts_with("hello", {"x", "he"}) << " "
            << starts_with("hello", {"x", "y"}) << "\n";
  // CHECK-NEXT: sent as tuple tuple tuple
  std::cout << "sent as " << sent_as({1, 2}, {"a"}, {}) << "\n";
  // CHECK-NEXT: optional tuple tuple
  std::cout << "optional " << sent_as_list({1}, std::vector<std::string>{"b"}) << "\n";
  // CHECK-NEXT: empty optional tuple
  std::cout << "empty optional " << sent_as_list({}, std::nullopt) << "\n";
  // CHECK-NEXT: rows 10
  std::cout << "rows " << rows_total({{1, 2}, {3, 4}}) << "\n";
}
