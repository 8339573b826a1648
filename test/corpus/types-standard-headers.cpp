// Standard types as stub parameters and results with nothing but pybridge.hpp and their own
// standard headers: pybridge.hpp includes none of <map>, <set>, <unordered_map>, <variant>,
// <complex> or <chrono> (it knows these types by their members).
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-standard-headers.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>

#include <chrono>
#include <complex>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <variant>
#include <vector>

using Reading = std::variant<std::monostate, long, std::string>;

[[pybridge::bind("json.dumps")]] std::string dumps(std::map<std::string, long> obj, bool sort_keys);
[[pybridge::bind("json.dumps")]] std::string dumps(Reading obj);
[[pybridge::bind("json.loads")]] std::unordered_map<std::string, long> counts(std::string s);
[[pybridge::bind("json.loads")]] Reading reading(std::string s);
[[pybridge::bind("builtins.sorted")]] std::vector<std::string>
sorted(std::unordered_set<std::string> iterable);
[[pybridge::bind("builtins.sorted")]] std::vector<long> sorted(std::set<long> iterable,
                                                             bool reverse);
[[pybridge::bind("cmath.sqrt")]] std::complex<double> csqrt(std::complex<double> z);
[[pybridge::bind("cmath.phase")]] double phase(std::complex<float> z);
[[pybridge::bind("builtins.str")]] std::string text(std::chrono::milliseconds object);
[[pybridge::bind("datetime.datetime.fromisoformat")]] std::chrono::system_clock::time_point
parse_time(std::string date_string);
[[pybridge::bind("datetime.datetime.isoformat")]] std::string
isoformat(std::chrono::system_clock::time_point self, std::string sep);

int main() {
  std::printf("%s\n", dumps({{"odd", 3}, {"even", 2}}, true).c_str());
  for (const Reading &r : {Reading(), Reading(7L), Reading("warm")})
    std::printf("%s\n", dumps(r).c_str());
  std::map<std::string, long> ordered;
  for (const auto &[key, value] : counts(R"({"b": 2, "a": 1})"))
    ordered[key] = value;
  for (const auto &[key, value] : ordered)
    std::printf("%s=%ld\n", key.c_str(), value);
  for (const char *json : {"null", "42", "\"cold\""}) {
    Reading r = reading(json);
    if (std::holds_alternative<std::monostate>(r))
      std::printf("None\n");
    else if (const long *n = std::get_if<long>(&r))
      std::printf("%ld\n", *n);
    else
      std::printf("%s\n", std::get<std::string>(r).c_str());
  }
  for (const std::string &word : sorted(std::unordered_set<std::string>{"pear", "apple", "fig"}))
    std::printf("%s ", word.c_str());
  for (long n : sorted(std::set<long>{3, 1, 2}, true))
    std::printf("%ld ", n);
  std::complex<double> root = csqrt({-4.0, 0.0});
  std::printf("\n%g %g\n", root.real(), root.imag());
  std::printf("%.4f\n", phase({0.0f, 1.0f}));
  std::printf("%s\n", text(std::chrono::milliseconds(90500)).c_str());
  auto t = parse_time("2024-02-29T12:30:00+00:00");
  t += std::chrono::hours(36);
  std::printf("%s\n", isoformat(t, " ").c_str());
}
