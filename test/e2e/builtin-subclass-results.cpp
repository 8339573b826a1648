// Results whose Python class derives from a builtin arrive as that builtin's value (a Counter
// as a dict, a namedtuple as a tuple, an IntEnum as an int), and numeric results widen as the
// runtime converts them (an int into a double when exact, int or float into std::complex):
// the checker accepts exactly what the runtime converts.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t | FileCheck %s
// RUN: env PYBRIDGE_WORKERS=4 %t | FileCheck %s
#include <pybridge/pybridge.hpp>

#include <complex>
#include <iostream>
#include <map>
#include <string>
#include <tuple>
#include <vector>

[[pybridge::bind("collections.Counter")]] std::map<std::string, long> count(std::vector<std::string> items);
using Url = std::tuple<std::string, std::string, std::string, std::string, std::string, std::string>;
[[pybridge::bind("urllib.parse.urlparse")]] Url urlparse(std::string url);
[[pybridge::bind("http.HTTPStatus")]] long status(long code);
[[pybridge::bind("math.factorial")]] double factorial(long n);
[[pybridge::bind("math.sqrt")]] std::complex<double> root(double x);

int main() {
  // CHECK: a=2 b=1
  std::map<std::string, long> counts = count({"a", "b", "a"});
  std::cout << "a=" << counts["a"] << " b=" << counts["b"] << "\n";
  // CHECK-NEXT: https example.org /x q=1
  auto [scheme, netloc, path, params, query, fragment] = urlparse("https://example.org/x?q=1");
  std::cout << scheme << " " << netloc << " " << path << " " << query << "\n";
  // CHECK-NEXT: status 404
  std::cout << "status " << status(404) << "\n";
  // CHECK-NEXT: factorial 3628800
  std::cout << "factorial " << static_cast<long>(factorial(10)) << "\n";
  // CHECK-NEXT: root (1.5,0)
  std::cout << "root " << root(2.25) << "\n";
  // An int too large for a double to hold exactly is a conversion error, not a wrong value.
  // CHECK-NEXT: factorial 25: ConversionError
  try {
    factorial(25);
    std::cout << "factorial 25: no error\n";
  } catch (const pybridge::ConversionError &) {
    std::cout << "factorial 25: ConversionError\n";
  }
}
