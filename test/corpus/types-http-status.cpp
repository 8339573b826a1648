// http.HTTPStatus, an IntEnum: members by value and by name, their name and value (enum
// properties), phrase and description (properties only typeshed declares), and members where
// Python takes an int.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-http-status.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace py {
struct [[pybridge::bind("http.HTTPStatus")]] HTTPStatus : pybridge::Object {
  using pybridge::Object::Object;
  explicit HTTPStatus(long value);
  std::string name();
  long value();
  std::string phrase();
  std::string description();
  static HTTPStatus NOT_FOUND();
  static HTTPStatus IM_A_TEAPOT();
  explicit operator long();
};

[[pybridge::bind("builtins.divmod")]] std::pair<long, long> divide(const HTTPStatus &x, long y);
} // namespace py

int main() {
  for (long code : {200, 301, 404, 503}) {
    py::HTTPStatus status(code);
    std::cout << status.value() << " " << status.name() << ": " << status.phrase() << " -- "
              << status.description() << "\n";
  }
  py::HTTPStatus missing = py::HTTPStatus::NOT_FOUND();
  std::cout << "NOT_FOUND is " << static_cast<long>(missing) << "\n";
  std::cout << "teapot: " << py::HTTPStatus::IM_A_TEAPOT().phrase() << "\n";
  auto [hundreds, rest] = py::divide(missing, 100);
  std::cout << "class " << hundreds << "xx, rest " << rest << "\n";
}
