// Enums beyond IntEnum: http.HTTPMethod (a StrEnum) and re.RegexFlag (an IntFlag). Members by
// value and as class attributes, their name and value, a property only typeshed declares
// (description), and a flag member passed where re.compile takes its flags.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-enum-methods.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>

#include <iostream>
#include <string>

namespace py {
struct [[pybridge::bind("http.HTTPMethod")]] HTTPMethod : pybridge::Object {
  using pybridge::Object::Object;
  explicit HTTPMethod(std::string value);
  std::string name();
  std::string value();
  std::string description();
  static HTTPMethod PATCH();
};

struct [[pybridge::bind("re.RegexFlag")]] RegexFlag : pybridge::Object {
  using pybridge::Object::Object;
  std::string name();
  long value();
  static RegexFlag IGNORECASE();
  static RegexFlag MULTILINE();
};

struct [[pybridge::bind("re.Pattern")]] Pattern : pybridge::Object {
  using pybridge::Object::Object;
  std::vector<std::string> findall(std::string string);
  long flags();
};

[[pybridge::bind("re.compile")]] Pattern compile(std::string pattern, RegexFlag flags);
[[pybridge::bind("builtins.str.upper")]] std::string upper(const HTTPMethod &self);
} // namespace py

int main() {
  for (const char *verb : {"GET", "POST", "DELETE"}) {
    py::HTTPMethod method(verb);
    std::cout << method.name() << " = " << method.value() << ": " << method.description() << "\n";
  }
  std::cout << "patch: " << py::upper(py::HTTPMethod::PATCH()) << "\n";
  py::RegexFlag ignore = py::RegexFlag::IGNORECASE();
  std::cout << ignore.name() << " " << ignore.value() << ", " << py::RegexFlag::MULTILINE().name()
            << " " << py::RegexFlag::MULTILINE().value() << "\n";
  py::Pattern words = py::compile("^b\\w+", ignore);
  std::cout << "flags & IGNORECASE: " << (words.flags() & ignore.value()) << "\n";
  for (const std::string &w : words.findall("Bread and butter"))
    std::cout << "match " << w << "\n";
}
