// Money with decimal.Decimal: exact construction from strings, operators, quantize with a
// rounding mode, comparisons, and Decimals where Python takes numbers (statistics.mean over
// a std::vector of them returns a Decimal; sum with a Decimal start).
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-decimal-money.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>
#include <pybridge/session.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace py {
struct [[pybridge::bind("decimal.Decimal")]] Decimal : pybridge::Object {
  using pybridge::Object::Object;
  explicit Decimal(const std::string &value);
  Decimal operator+(const Decimal &other) const;
  Decimal operator*(const Decimal &other) const;
  Decimal operator-(const Decimal &other) const;
  bool operator<(const Decimal &other) const;
  Decimal quantize(const Decimal &exp, const std::string &rounding) const;
  bool is_signed() const;
  explicit operator double() const;
};

[[pybridge::bind("statistics.mean")]] Decimal mean(const std::vector<Decimal> &data);
[[pybridge::bind("builtins.sum")]] Decimal sum(const std::vector<Decimal> &iterable,
                                               const Decimal &start);
[[pybridge::bind("builtins.max")]] Decimal max(const std::vector<Decimal> &iterable);
} // namespace py

int main() {
  pybridge::Session session;
  pybridge::Session::Scope scope(session);
  std::vector<py::Decimal> prices = {py::Decimal("19.99"), py::Decimal("5.01"),
                                     py::Decimal("0.10")};
  py::Decimal total = py::sum(prices, py::Decimal("0"));
  std::cout << "total " << total << " (double " << static_cast<double>(total) << ")\n";
  py::Decimal tax = total * py::Decimal("0.0825");
  std::cout << "tax " << tax << " -> " << tax.quantize(py::Decimal("0.01"), "ROUND_HALF_UP")
            << " / " << tax.quantize(py::Decimal("0.01"), "ROUND_DOWN") << "\n";
  std::cout << "mean " << py::mean(prices) << ", max " << py::max(prices) << "\n";
  py::Decimal refund = prices[2] - prices[1];
  std::cout << "refund " << refund << ", negative " << refund.is_signed() << ", 0.10 < 5.01 "
            << (prices[2] < prices[1]) << "\n";
}
