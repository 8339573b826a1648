// Word frequencies with collections.Counter: built from a std::vector (an Iterable), updated,
// most_common as pairs, total, its keys sorted (a Counter is an Iterable of its keys), and the
// elements() iterator streamed.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-counter-words.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>
#include <pybridge/stream.hpp>

#include <iostream>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace py {
struct [[pybridge::bind("collections.Counter")]] Counter : pybridge::Object {
  using pybridge::Object::Object;
  explicit Counter(const std::vector<std::string> &iterable);
  void update(const std::vector<std::string> &iterable);
  void subtract(const std::map<std::string, long> &iterable);
  std::vector<std::pair<std::string, long>> most_common(long n);
  long total();
  pybridge::Stream<std::string> elements();
  long operator[](const std::string &key);
};

[[pybridge::bind("builtins.sorted")]] std::vector<std::string> sorted(const Counter &iterable);
[[pybridge::bind("builtins.len")]] long len(const Counter &obj);
// Unnamed: dict() also takes **kwargs, and a name would go there.
[[pybridge::bind("builtins.dict")]] std::map<std::string, long> as_dict(const Counter &);
} // namespace py

std::vector<std::string> words(const std::string &text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text + " ") {
    if (c == ' ') {
      if (!word.empty())
        out.push_back(word);
      word.clear();
    } else {
      word += c;
    }
  }
  return out;
}

int main() {
  py::Counter counts(words("the cat and the hat and the bat"));
  counts.update(words("the end"));
  std::cout << "total " << counts.total() << ", distinct " << py::len(counts) << ", the "
            << counts["the"] << ", dog " << counts["dog"] << "\n";
  for (const auto &[word, n] : counts.most_common(3))
    std::cout << word << " " << n << "\n";
  counts.subtract({{"the", 3}, {"and", 1}});
  std::cout << "keys:";
  for (const std::string &w : py::sorted(counts))
    std::cout << " " << w;
  std::cout << "\nafter subtract:";
  for (const auto &[word, n] : py::as_dict(counts))
    std::cout << " " << word << "=" << n;
  std::cout << "\nelements:";
  std::vector<std::string> all;
  for (const std::string &w : counts.elements())
    all.push_back(w);
  std::cout << " " << all.size() << " items, first " << all.front() << "\n";
}
