// re and str methods: keyword parameters by C++ name after positional ones, positional-only
// ones whatever their names.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/binding-re-str.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>

#include <cstdio>
#include <string>
#include <vector>

[[pybridge::bind("re.sub")]] std::string sub(std::string pattern, std::string repl,
                                             std::string string, long count);
[[pybridge::bind("re.split")]] std::vector<std::string> split(std::string pattern,
                                                              std::string string, long maxsplit);
[[pybridge::bind("re.findall")]] std::vector<std::string> findall(std::string pattern,
                                                                  std::string string);
[[pybridge::bind("str.replace")]] std::string replace(std::string self, std::string before,
                                                      std::string after, long times);
[[pybridge::bind("str.splitlines")]] std::vector<std::string> lines(std::string self,
                                                                    bool keepends);
[[pybridge::bind("str.rjust")]] std::string pad(std::string self, long to, std::string with);
[[pybridge::bind("str.expandtabs")]] std::string expand(std::string self, long tabsize);

int main() {
  std::printf("%s\n", sub("[aeiou]", "_", "programming", 2).c_str());
  for (const std::string &part : split(",\\s*", "a, b,c,   d", 2))
    std::printf("[%s]", part.c_str());
  std::printf("\n");
  for (const std::string &n : findall("\\d+", "12 apples and 345 pears"))
    std::printf("%s ", n.c_str());
  std::printf("\n%s\n", replace("aaaa", "a", "b", 3).c_str());
  std::printf("%zu\n", lines("one\ntwo\n", true).size());
  std::printf("%s|%s\n", pad("7", 3, "0").c_str(), expand("a\tb", 4).c_str());
}
