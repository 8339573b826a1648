// Paragraph formatting with textwrap.TextWrapper: its options are instance attributes
// (declared by typeshed, set in __init__), read and written from C++ between calls.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-textwrap-wrapper.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace py {
struct [[pybridge::bind("textwrap.TextWrapper")]] TextWrapper : pybridge::Object {
  using pybridge::Object::Object;
  explicit TextWrapper(long width);
  long width();
  void set_width(long width);
  std::string initial_indent();
  void set_initial_indent(std::string indent);
  void set_subsequent_indent(std::string indent);
  bool break_long_words();
  std::vector<std::string> wrap(const std::string &text);
  std::string fill(const std::string &text);
};

[[pybridge::bind("textwrap.shorten")]] std::string shorten(const std::string &text, long width,
                                                           std::string placeholder);
[[pybridge::bind("textwrap.dedent")]] std::string dedent(const std::string &text);
} // namespace py

int main() {
  const std::string text =
      "PyBridge lets a C++ program call Python libraries through ordinary declarations that "
      "the compiler checks against the real Python API.";
  py::TextWrapper wrapper(40);
  std::cout << "width " << wrapper.width() << ", break long words "
            << wrapper.break_long_words() << "\n";
  for (const std::string &line : wrapper.wrap(text))
    std::cout << "|" << line << "|\n";
  wrapper.set_width(30);
  wrapper.set_initial_indent("* ");
  wrapper.set_subsequent_indent("  ");
  std::cout << "indent '" << wrapper.initial_indent() << "'\n" << wrapper.fill(text) << "\n";
  std::cout << py::shorten(text, 50, " [...]") << "\n";
  std::cout << py::dedent("    indented\n      more\n    back\n");
}
