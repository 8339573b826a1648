// Regular expressions with re's classes: a compiled re.Pattern, optional re.Match results
// (Match | None as std::optional), groups (a tuple of any length) and spans, finditer streamed, and
// re.RegexFlag enum members combined with operator| (an IntFlag) and passed as flags.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-re-patterns.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>
#include <pybridge/session.hpp>
#include <pybridge/stream.hpp>

#include <iostream>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace re {
struct [[pybridge::bind("re.RegexFlag")]] RegexFlag : pybridge::Object {
  using pybridge::Object::Object;
  RegexFlag operator|(const RegexFlag &other) const;
  std::optional<std::string> name() const;
  long value() const;
};

struct [[pybridge::bind("re.Match")]] Match : pybridge::Object {
  using pybridge::Object::Object;
  std::string group(long group);
  std::vector<std::string> groups(); // a tuple of any length: a vector
  std::pair<long, long> span(long group);
};

struct [[pybridge::bind("re.Pattern")]] Pattern : pybridge::Object {
  using pybridge::Object::Object;
  std::optional<Match> match(const std::string &string);
  std::optional<Match> search(const std::string &string);
  pybridge::Stream<Match> finditer(const std::string &string);
  std::string sub(const std::string &repl, const std::string &string);
  long flags();
  long groups();
};

[[pybridge::bind("re.compile")]] Pattern compile(const std::string &pattern, const RegexFlag &flags);
[[pybridge::bind("re.IGNORECASE")]] RegexFlag IGNORECASE();
[[pybridge::bind("re.MULTILINE")]] RegexFlag MULTILINE();
} // namespace re

int main() {
  pybridge::Session session;
  pybridge::Session::Scope scope(session);
  re::RegexFlag flags = re::IGNORECASE() | re::MULTILINE();
  std::cout << "flags " << flags.value() << " (" << flags.name().value_or("?") << ")\n";
  re::Pattern version = re::compile(R"(^(\w+)\s+v?(\d+\.\d+))", flags);
  std::cout << "groups " << version.groups() << ", flags " << version.flags() << "\n";
  const std::string text = "Clang v19.1\nPython 3.11\nno version here\nGCC V12.2";
  if (std::optional<re::Match> first = version.match(text)) {
    std::vector<std::string> found = first->groups();
    const std::string &tool = found[0], &number = found[1];
    auto [begin, end] = first->span(2);
    std::cout << "first " << tool << " " << number << " at " << begin << ".." << end << "\n";
  }
  for (re::Match &m : version.finditer(text))
    std::cout << "found " << m.group(1) << " -> " << m.group(2) << "\n";
  std::cout << "search miss " << version.search("!!").has_value() << "\n";
  std::cout << version.sub(R"(\1=\2)", text) << "\n";
}
