// Python's protocols in C++ idiom against real objects: a dict and a collections.Counter
// read and written with [], size(), contains(), erase() and range-for; itertools.groupby
// walked lazily (its groups are views); a numpy array's len; Fractions equal and hashed as
// Python does; open(), contextlib.suppress and decimal.localcontext() as scopes, with the
// C++ exception that leaves one passed to __exit__. protocols.py is the same program in Python.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %pybridge_python %S/protocols.py %t.txt > %t.expected
// RUN: %t %t.txt | %diff %t.expected -
// RUN: env PYBRIDGE_WORKERS=1 %t %t.txt | %diff %t.expected -
// RUN: env PYBRIDGE_WORKERS=2 %t %t.txt | %diff %t.expected -
// RUN: env PYBRIDGE_WORKERS=4 %t %t.txt | %diff %t.expected -
// REQUIRES: python-numpy
#include <pybridge/pybridge.hpp>
#include <pybridge/stream.hpp>

#include <iostream>
#include <stdexcept>
#include <string>
#include <tuple>
#include <unordered_set>
#include <vector>

struct [[pybridge::bind("collections.Counter")]] Counter : pybridge::Object {
  using pybridge::Object::Object;
  explicit Counter(std::vector<std::string> items);
  long size() const;                        // len(counter)
  bool contains(std::string key) const;     // key in counter
  long total() const;
};

struct [[pybridge::bind("fractions.Fraction")]] Fraction : pybridge::Object {
  using pybridge::Object::Object;
  Fraction(long numerator, long denominator);
};

struct [[pybridge::bind("decimal.Decimal")]] Decimal : pybridge::Object {
  using pybridge::Object::Object;
  explicit Decimal(std::string value);
  Decimal operator/(const Decimal &other) const;
};

[[pybridge::bind("itertools.groupby")]] pybridge::Object
groupby(const std::vector<std::string> &letters);
[[pybridge::bind("decimal.localcontext")]] pybridge::Object localcontext();

void dictionaries() {
  auto d = pybridge::call<pybridge::Object>("builtins.dict");
  d["x"] = 1;
  d["y"] = std::vector<long>{1, 2};
  d["z"] = d["x"];
  std::cout << "dict " << d << ", size " << d.size() << "\n";
  long x = d["x"];
  std::cout << "x = " << x << ", y = " << d["y"] << "\n";
  std::cout << "keys:";
  for (pybridge::Value key : d)
    std::cout << " " << key;
  std::cout << "\n";
  d.erase("x");
  std::cout << "after erase: has x " << d.contains("x") << ", has y " << d.contains("y")
            << "\n";
  try {
    d.erase("x");
  } catch (const pybridge::KeyError &error) {
    std::cout << "erase again: " << error.what() << "\n";
  }
}

void counters() {
  Counter c({"a", "b", "a", "c", "a", "b"});
  std::cout << "counter size " << c.size() << ", total " << c.total() << ", has c "
            << c.contains("c") << ", has q " << c.contains("q") << "\n";
  long a = c["a"], q = c["q"]; // a Counter answers 0 for a missing key
  c["d"] = 10;
  c.erase("b");
  std::cout << "a " << a << ", q " << q << ", after writes " << c << "\n";
  std::cout << "letters:";
  for (std::string letter : c.iterate<std::string>())
    std::cout << " " << letter;
  std::cout << "\n";
}

void groups() {
  std::cout << "groupby:";
  for (pybridge::Value item : groupby({"a", "a", "a", "b", "c", "c", "d"})) {
    auto [key, group] = item.as<std::tuple<std::string, pybridge::Object>>();
    std::cout << " " << key << "=";
    for (pybridge::Value letter : group)
      std::cout << letter;
  }
  std::cout << "\n";
}

void arrays() {
  auto grid = pybridge::call<pybridge::Object>("numpy.arange", 12).call("reshape", 3, 4);
  std::cout << "len of a 3x4 array " << grid.size() << "\n";
}

void fractions() {
  Fraction half(1, 2), same(2, 4), third(1, 3);
  std::cout << "1/2 == 2/4 " << (half == same) << ", 1/2 == 1/3 " << (half == third)
            << ", 1/2 != 1/3 " << (half != third) << "\n";
  std::cout << "hash(1/3) " << static_cast<long long>(std::hash<Fraction>{}(third)) << "\n";
  std::unordered_set<Fraction> set{half, same, third};
  std::cout << "distinct " << set.size() << "\n";
}

void scopes(const std::string &path) {
  auto open = [&](const char *mode) { return pybridge::call<pybridge::Object>("open", path, mode); };
  pybridge::Object file = open("w");
  pybridge::with(file, [](pybridge::Object out) { out.call<long>("write", "written in a scope\n"); });
  std::cout << "closed after the scope " << file.attr<bool>("closed") << "\n";
  pybridge::with(open("r"), [](pybridge::Object in) {
    std::cout << "read back: " << in.call<std::string>("read");
  });

  auto key_error = pybridge::attr<pybridge::Object>("builtins.LookupError");
  auto suppress = [&] { return pybridge::call<pybridge::Object>("contextlib.suppress", key_error); };
  auto d = pybridge::call<pybridge::Object>("builtins.dict");
  pybridge::with(suppress(), [&] {
    d.erase("missing");
    std::cout << "not reached\n";
  });
  std::cout << "KeyError suppressed by suppress(LookupError)\n";
  try {
    pybridge::with(suppress(), [] { throw std::runtime_error("a C++ failure"); });
  } catch (const std::runtime_error &error) {
    std::cout << "not suppressed: " << error.what() << "\n";
  }

  pybridge::with(localcontext(), [](pybridge::Object context) {
    context.set_attr("prec", 5);
    std::cout << "1/7 at 5 digits " << Decimal("1") / Decimal("7") << "\n";
  });
  std::cout << "1/7 after the scope " << Decimal("1") / Decimal("7") << "\n";
}

int main(int argc, char **argv) {
  if (argc != 2)
    return 2;
  std::cout << std::boolalpha;
  dictionaries();
  counters();
  groups();
  arrays();
  fractions();
  scopes(argv[1]);
}
