// Comparing texts with difflib: a SequenceMatcher fed std::strings (a str is a Sequence),
// its matching blocks (difflib.Match, a namedtuple, received as a std::tuple) and opcodes, and
// get_close_matches over a list of words.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-difflib-matcher.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>

#include <cstdio>
#include <string>
#include <tuple>
#include <vector>

namespace py {
struct [[pybridge::bind("difflib.SequenceMatcher")]] SequenceMatcher : pybridge::Object {
  using pybridge::Object::Object;
  SequenceMatcher();
  void set_seq1(const std::string &a);
  void set_seq2(const std::string &b);
  double ratio();
  double quick_ratio();
  std::vector<std::tuple<long, long, long>> get_matching_blocks();
  std::vector<std::tuple<std::string, long, long, long, long>> get_opcodes();
};

[[pybridge::bind("difflib.get_close_matches")]] std::vector<std::string>
get_close_matches(const std::string &word, const std::vector<std::string> &possibilities, long n);
} // namespace py

int main() {
  py::SequenceMatcher matcher;
  matcher.set_seq1("private Thread currentThread;");
  matcher.set_seq2("private volatile Thread currentThread;");
  std::printf("ratio %.4f quick %.4f\n", matcher.ratio(), matcher.quick_ratio());
  for (const auto &[a, b, size] : matcher.get_matching_blocks())
    std::printf("match a[%ld] b[%ld] size %ld\n", a, b, size);
  for (const auto &[tag, i1, i2, j1, j2] : matcher.get_opcodes())
    std::printf("%7s a[%ld:%ld] b[%ld:%ld]\n", tag.c_str(), i1, i2, j1, j2);
  std::vector<std::string> words = {"ape", "apple", "peach", "puppy", "applet"};
  std::printf("close to 'appel':");
  for (const std::string &w : py::get_close_matches("appel", words, 3))
    std::printf(" %s", w.c_str());
  std::printf("\n");
}
