// Keywords by C++ name and by [[pybridge::name]], keyword-only ones included (textwrap).
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/binding-keywords-textwrap.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace textwrap {
[[pybridge::bind("textwrap.shorten")]] std::string shorten(std::string text, int width,
                                                           std::string placeholder);
[[pybridge::bind("textwrap.fill")]] std::string fill(std::string text,
                                                     [[pybridge::name("width")]] int columns,
                                                     std::string initial_indent);
[[pybridge::bind("textwrap.wrap")]] std::vector<std::string> wrap(std::string text, int width,
                                                                  bool break_long_words);
[[pybridge::bind("textwrap.indent")]] std::string indent(std::string text, std::string prefix);
} // namespace textwrap

int main() {
  std::string text = "The quick brown fox jumps over the lazy dog near the riverbank";
  std::cout << textwrap::shorten(text, 30, " [more]") << "\n";
  std::cout << textwrap::fill(text, 24, "> ") << "\n";
  for (const std::string &line : textwrap::wrap("supercalifragilistic expialidocious", 8, false))
    std::cout << "|" << line << "|\n";
  std::cout << textwrap::indent("one\ntwo\n", "- ");
}
