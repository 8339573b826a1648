// JSON documents: json.dumps of C++ containers (any value: maps of vectors, tuples), options by
// keyword, json.loads into pybridge::Value and into a typed std::map, and a json.JSONEncoder
// object whose options are instance attributes.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-json-documents.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>

#include <iostream>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace json {
using Doc = std::map<std::string, std::vector<long>>;
[[pybridge::bind("json.dumps")]] std::string dumps(const Doc &obj, bool sort_keys);
[[pybridge::bind("json.dumps")]] std::string dumps_indented(const std::tuple<std::string, double, bool> &obj,
                                                            long indent);
[[pybridge::bind("json.loads")]] pybridge::Value loads(const std::string &s);
[[pybridge::bind("json.loads")]] std::map<std::string, double> load_prices(const std::string &s);

struct [[pybridge::bind("json.JSONEncoder")]] JSONEncoder : pybridge::Object {
  using pybridge::Object::Object;
  explicit JSONEncoder(bool sort_keys);
  bool sort_keys();
  std::string item_separator();
  void set_item_separator(std::string separator);
  std::string encode(const std::map<std::string, long> &o);
};
} // namespace json

int main() {
  std::cout << json::dumps({{"primes", {2, 3, 5}}, {"evens", {2, 4}}}, true) << "\n";
  std::cout << json::dumps_indented({"pi", 3.14159, true}, 2) << "\n";
  pybridge::Value doc = json::loads(R"({"name": "bridge", "tags": ["c++", "python"], "stars": 42})");
  std::cout << "loaded " << doc << "\n";
  for (const auto &[item, price] : json::load_prices(R"({"tea": 2.5, "cake": 4.25})"))
    std::cout << item << " costs " << price << "\n";
  json::JSONEncoder encoder(true);
  std::cout << "sort_keys " << encoder.sort_keys() << ", separator '" << encoder.item_separator()
            << "'\n";
  encoder.set_item_separator("; ");
  std::cout << encoder.encode({{"b", 2}, {"a", 1}}) << "\n";
}
