// Empty std::optional arguments are left out so Python's defaults apply; the arguments after
// them then go by keyword (str methods, round, int).
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/binding-optionals.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>

#include <iostream>
#include <optional>
#include <string>
#include <vector>

[[pybridge::bind("str.split")]] std::vector<std::string> split(std::string self,
                                                              std::optional<std::string> sep,
                                                              long maxsplit);
[[pybridge::bind("str.center")]] std::string center(std::string self, long width,
                                                    std::optional<std::string> fillchar);
[[pybridge::bind("round")]] double round_to(double number, std::optional<long> ndigits);
[[pybridge::bind("int")]] long parse(std::string x, long base);
[[pybridge::bind("statistics.quantiles")]] std::vector<double> quantiles(
    std::vector<double> data, std::optional<long> n, std::optional<std::string> method);

void show(const std::vector<std::string> &parts) {
  for (const std::string &part : parts)
    std::cout << "[" << part << "]";
  std::cout << "\n";
}

int main() {
  show(split("a  b c d", std::nullopt, 2));
  show(split("a,b,,c", ",", -1));
  std::cout << center("mid", 9, std::nullopt) << "|" << center("mid", 9, "*") << "\n";
  std::cout << round_to(2.675, 2) << " " << round_to(7.5, std::nullopt) << "\n";
  std::cout << parse("ff", 16) << " " << parse("777", 8) << "\n";
  std::vector<double> data = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  for (double q : quantiles(data, std::nullopt, std::nullopt))
    std::cout << q << " ";
  std::cout << "\n";
  for (double q : quantiles(data, 5, "inclusive"))
    std::cout << q << " ";
  std::cout << "\n";
}
