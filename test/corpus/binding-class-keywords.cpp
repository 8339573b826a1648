// Classes: constructor keywords by C++ name, keyword-only constructor parameters, method
// keywords (difflib, collections.deque, fractions).
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/binding-class-keywords.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>

#include <cstdio>
#include <string>
#include <vector>

struct [[pybridge::bind("difflib.SequenceMatcher")]] Matcher : pybridge::Object {
  using pybridge::Object::Object;
  // typeshed: SequenceMatcher(isjunk=None, a='', b='', autojunk=True)
  Matcher(std::string a, std::string b, bool autojunk);
  double ratio();
  std::vector<std::tuple<long, long, long>> get_matching_blocks();
};

struct [[pybridge::bind("collections.deque")]] Deque : pybridge::Object {
  using pybridge::Object::Object;
  Deque(std::vector<long> iterable, long maxlen);
  void append(long x);
  void rotate(long n);
};
[[pybridge::bind("list")]] std::vector<long> as_list(pybridge::Object iterable);

struct [[pybridge::bind("fractions.Fraction")]] Fraction : pybridge::Object {
  using pybridge::Object::Object;
  Fraction(long numerator, long denominator);
  Fraction limit_denominator(long max_denominator);
  explicit operator std::string();
};
[[pybridge::bind("fractions.Fraction")]] Fraction fraction_of(std::string numerator);

int main() {
  Matcher m("abcd", "bcde", false);
  std::printf("%g\n", m.ratio());
  for (auto [i, j, n] : m.get_matching_blocks())
    std::printf("(%ld %ld %ld) ", i, j, n);
  std::printf("\n");
  Deque d({1, 2, 3}, 3);
  d.append(4);
  d.rotate(1);
  for (long x : as_list(d))
    std::printf("%ld ", x);
  std::printf("\n");
  std::printf("%s\n", static_cast<std::string>(Fraction(6, 8)).c_str());
  std::printf("%s\n",
              static_cast<std::string>(fraction_of("3.14159").limit_denominator(100)).c_str());
}
