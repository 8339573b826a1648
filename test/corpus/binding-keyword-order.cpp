// C++ names that name Python parameters reorder them by keyword (textwrap, datetime, random).
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/binding-keyword-order.py > %t.expected
// RUN: diff %t.expected %t.out
#include <pybridge/pybridge.hpp>

#include <cstdio>
#include <iostream>
#include <string>

[[pybridge::bind("textwrap.shorten")]] std::string shorten(int width, std::string text);

struct [[pybridge::bind("datetime.timedelta")]] Duration : pybridge::Object {
  using pybridge::Object::Object;
  // timedelta(days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0)
  Duration(double hours, double minutes);
  explicit operator std::string();
  double total_seconds();
};

[[pybridge::bind("random.Random")]] pybridge::Object make_random(long x);
[[pybridge::bind("random.Random.uniform")]] double uniform(pybridge::Object self, double b,
                                                           double a);

int main() {
  std::cout << shorten(20, "keyword order follows the names, not the positions") << "\n";
  Duration d(1.5, 20);
  std::cout << static_cast<std::string>(d) << " " << d.total_seconds() << "\n";
  pybridge::Object rng = make_random(7);
  std::printf("%.6f\n", uniform(rng, 10.0, 20.0));
}
