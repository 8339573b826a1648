// itertools.groupby as a pybridge::Stream: each group is a live view of the generator's state,
// so the generator waits until the loop body has used it (plain values are still sent ahead).
// groupby-stream.py is the same program in Python.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %pybridge_python %S/groupby-stream.py > %t.expected
// RUN: %t | %diff %t.expected -
// RUN: env PYBRIDGE_WORKERS=1 %t | %diff %t.expected -
// RUN: env PYBRIDGE_WORKERS=2 %t | %diff %t.expected -
// RUN: env PYBRIDGE_WORKERS=4 %t | %diff %t.expected -
#include <pybridge/pybridge.hpp>
#include <pybridge/stream.hpp>

#include <iostream>
#include <string>
#include <tuple>
#include <vector>

std::vector<std::string> letters(std::string_view text) {
  std::vector<std::string> out;
  for (char c : text)
    out.emplace_back(1, c);
  return out;
}

[[pybridge::bind("itertools.groupby")]] pybridge::Stream<std::tuple<std::string, pybridge::Object>>
group_letters(std::vector<std::string> letters);
[[pybridge::bind("itertools.groupby")]] pybridge::Stream<std::tuple<long, pybridge::Object>>
group_numbers(std::vector<long> numbers);
[[pybridge::bind("builtins.list")]] std::vector<std::string> letters_of(const pybridge::Object &group);
[[pybridge::bind("builtins.list")]] std::vector<long> numbers_of(const pybridge::Object &group);
[[pybridge::bind("builtins.next")]] std::string first_of(const pybridge::Object &group);
[[pybridge::bind("itertools.repeat")]] pybridge::Stream<long> repeat(long value, long times);

int main() {
  for (auto [key, group] : group_letters(letters("AAAABBBCCDAABBB"))) {
    std::cout << key << ": ";
    for (const std::string &letter : letters_of(group))
      std::cout << letter;
    std::cout << "\n";
  }

  for (auto [number, group] : group_numbers({1, 1, 2, 3, 3, 3, 1})) {
    std::cout << number << " x" << numbers_of(group).size() << "\n";
  }

  // A group read in part: the rest is skipped when the generator moves on, as in Python.
  for (auto [key, group] : group_letters(letters("xxxyyz")))
    std::cout << key << " starts with " << first_of(group) << "\n";

  // Left early: the groups after the break are never made.
  int groups = 0;
  for (auto [key, group] : group_letters(letters("aabbccdd"))) {
    std::cout << "group " << key << " of " << letters_of(group).size() << "\n";
    if (++groups == 2)
      break;
  }

  // Plain values still stream ahead of the loop.
  long total = 0;
  for (long value : repeat(3, 1000))
    total += value;
  std::cout << "total " << total << "\n";
}
