// A small least-recently-used cache on collections.OrderedDict: item access through the
// mapping dunders (__getitem__, __setitem__, __contains__, __len__), move_to_end, popitem, and
// the keys view streamed in order.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-ordereddict-lru.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>
#include <pybridge/stream.hpp>

#include <iostream>
#include <string>
#include <utility>

namespace py {
struct [[pybridge::bind("collections.OrderedDict")]] OrderedDict : pybridge::Object {
  using pybridge::Object::Object;
  OrderedDict();
  long operator[](const std::string &key);
  [[pybridge::name("__setitem__")]] void put(const std::string &key, long value);
  [[pybridge::name("__contains__")]] bool contains(const std::string &key);
  [[pybridge::name("__len__")]] long size();
  [[pybridge::name("__delitem__")]] void erase(const std::string &key);
  void move_to_end(const std::string &key);
  std::pair<std::string, long> popitem(bool last);
  pybridge::Stream<std::string> keys();
};
} // namespace py

class LRU {
public:
  explicit LRU(long capacity) : capacity_(capacity) {}
  std::optional<long> get(const std::string &key) {
    if (!items_.contains(key))
      return std::nullopt;
    items_.move_to_end(key);
    return items_[key];
  }
  void put(const std::string &key, long value) {
    items_.put(key, value);
    items_.move_to_end(key);
    if (items_.size() > capacity_) {
      auto [evicted, old] = items_.popitem(false);
      std::cout << "  evict " << evicted << "=" << old << "\n";
    }
  }
  void show() {
    std::cout << "  order:";
    for (const std::string &key : items_.keys())
      std::cout << " " << key;
    std::cout << "\n";
  }
  py::OrderedDict &items() { return items_; }

private:
  long capacity_;
  py::OrderedDict items_;
};

int main() {
  LRU cache(3);
  for (const char *key : {"a", "b", "c"})
    cache.put(key, key[0] - 'a' + 1);
  cache.show();
  std::cout << "get a -> " << cache.get("a").value_or(-1) << "\n";
  cache.put("d", 4);
  cache.show();
  std::cout << "get b -> " << cache.get("b").value_or(-1) << "\n";
  cache.items().erase("c");
  cache.put("e", 5);
  cache.show();
}
