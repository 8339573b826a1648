// Overloads where a C++ name would go into **kwargs in one and is declared in another: the
// declared parameter wins (dict, OrderedDict, Counter take the items positionally).
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/binding-declared-beats-kwargs.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>

#include <iostream>
#include <map>
#include <string>
#include <utility>
#include <vector>

struct [[pybridge::bind("collections.OrderedDict")]] OrderedDict : pybridge::Object {
  using pybridge::Object::Object;
  OrderedDict(std::vector<std::pair<std::string, long>> items);
  void move_to_end(std::string key);
  std::string __repr__() const;
};

struct [[pybridge::bind("collections.Counter")]] Counter : pybridge::Object {
  using pybridge::Object::Object;
  Counter(std::vector<std::string> words);
  std::vector<std::pair<std::string, long>> most_common(long n);
};

// dict(**kwargs): names Python does not declare go in as keywords, on purpose.
[[pybridge::bind("dict")]] std::map<std::string, long> fruit([[pybridge::name("apples")]] long a,
                                                             [[pybridge::name("pears")]] long p);
[[pybridge::bind("dict")]] std::map<std::string, long> from_pairs(
    std::vector<std::pair<std::string, long>> pairs);

int main() {
  OrderedDict od({{"b", 2}, {"a", 1}, {"c", 3}});
  od.move_to_end("b");
  std::cout << od.__repr__() << "\n";
  Counter counter({"x", "y", "x", "z", "x", "y"});
  for (auto &[word, n] : counter.most_common(2))
    std::cout << word << "=" << n << "\n";
  for (auto &[name, n] : fruit(3, 4))
    std::cout << name << ":" << n << " ";
  std::cout << "\n";
  for (auto &[name, n] : from_pairs({{"k", 1}, {"items", 2}}))
    std::cout << name << ":" << n << " ";
  std::cout << "\n";
}
