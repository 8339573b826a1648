// Free functions bound by attribute, compiled with the plugin, run against real Python.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t | FileCheck %s
// RUN: env PYBRIDGE_WORKERS=4 %t | FileCheck %s
#include <pybridge/pybridge.hpp>

#include <iostream>
#include <string>
#include <vector>

[[pybridge::bind("statistics.median")]] double median(std::vector<double> data);
[[pybridge::bind("math.comb")]] long comb(long n, long k);
[[pybridge::bind("textwrap.shorten")]] std::string shorten(std::string text, int width);
[[pybridge::bind("keyword.iskeyword")]] bool iskeyword(std::string word);
[[pybridge::bind("shlex.split")]] std::vector<std::string> shell_split(std::string line);
[[pybridge::bind("os.path.join")]] std::string join(std::string a, std::string b);
[[pybridge::bind("str.upper")]] std::string upper(std::string s);

namespace stats {
[[pybridge::bind("statistics.mean")]] double mean(std::vector<double> data);
}

int main() {
  // CHECK: median 3
  std::cout << "median " << median({5, 1, 3}) << "\n";
  // CHECK-NEXT: comb 118264581564861424
  std::cout << "comb " << comb(60, 30) << "\n";
  // CHECK-NEXT: shorten [Hello world, [...]]
  std::cout << "shorten [" << shorten("Hello world, this is long", 20) << "]\n";
  // CHECK-NEXT: iskeyword 1 0
  std::cout << "iskeyword " << iskeyword("lambda") << " " << iskeyword("lambada") << "\n";
  // CHECK-NEXT: split <a b> <c> <d e>
  std::cout << "split";
  for (const auto &word : shell_split("'a b' c \"d e\"")) std::cout << " <" << word << ">";
  std::cout << "\n";
  // CHECK-NEXT: join usr/lib
  std::cout << "join " << join("usr", "lib") << "\n";
  // CHECK-NEXT: upper ÉTÉ
  std::cout << "upper " << upper("été") << "\n";
  // CHECK-NEXT: mean 2.5
  std::cout << "mean " << stats::mean({1, 2, 3, 4}) << "\n";
}
