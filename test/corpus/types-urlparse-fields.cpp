// URLs with urllib.parse: the fields of ParseResult (a namedtuple: read-only properties), its
// geturl method, the result received as a std::tuple too, parse_qs into a map of vectors, and
// urlencode from a std::map (a Mapping).
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-urlparse-fields.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>

#include <iostream>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace py {
struct [[pybridge::bind("urllib.parse.ParseResult")]] ParseResult : pybridge::Object {
  using pybridge::Object::Object;
  std::string scheme();
  std::string netloc();
  std::string path();
  std::string query();
  std::string fragment();
  std::optional<std::string> hostname();
  std::optional<long> port();
  std::string geturl();
};

[[pybridge::bind("urllib.parse.urlparse")]] ParseResult urlparse(const std::string &url);
using Parts = std::tuple<std::string, std::string, std::string, std::string, std::string>;
[[pybridge::bind("urllib.parse.urlsplit")]] Parts urlsplit(const std::string &url);
[[pybridge::bind("urllib.parse.parse_qs")]] std::map<std::string, std::vector<std::string>>
parse_qs(const std::string &qs);
[[pybridge::bind("urllib.parse.urlencode")]] std::string
urlencode(const std::map<std::string, std::string> &query);
[[pybridge::bind("urllib.parse.quote")]] std::string quote(const std::string &string);
} // namespace py

int main() {
  const std::string url = "https://docs.example.org:8443/a%20b/index.html?q=types&q=python&page=2#top";
  py::ParseResult parsed = py::urlparse(url);
  std::cout << "scheme " << parsed.scheme() << "\nnetloc " << parsed.netloc() << "\npath "
            << parsed.path() << "\nquery " << parsed.query() << "\nfragment "
            << parsed.fragment() << "\n";
  std::cout << "hostname " << parsed.hostname().value_or("-") << " port "
            << parsed.port().value_or(-1) << "\n";
  std::cout << "geturl " << parsed.geturl() << "\n";
  auto [scheme, netloc, path, query, fragment] = py::urlsplit(url);
  std::cout << "split " << scheme << " | " << netloc << " | " << path << " | " << fragment << "\n";
  for (const auto &[key, values] : py::parse_qs(query)) {
    std::cout << key << " =";
    for (const std::string &v : values)
      std::cout << " " << v;
    std::cout << "\n";
  }
  std::cout << "encoded " << py::urlencode({{"lang", "c++"}, {"q", "a b"}}) << "\n";
  std::cout << "quoted " << py::quote("/path with spaces/ü") << "\n";
}
