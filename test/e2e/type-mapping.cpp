// The type mapping of docs/type-mapping.md in both directions, against a real worker:
// `describe` shows what Python received (type and repr), `echo` sends it straight back.
// Overflow and lossy conversions are errors.
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t | FileCheck %s
// RUN: env PYBRIDGE_WORKERS=4 %t | FileCheck %s
#include <pybridge/pybridge.hpp>

#include <chrono>
#include <complex>
#include <cstdint>
#include <iostream>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>
#include <variant>
#include <vector>

struct Point {
  double x, y;
};

// A user conversion: Point <-> tuple[float, float].
template <> struct pybridge::Converter<Point> {
  static void to_python(ValueBuilder out, const Point &p) {
    out.set_tuple(2);
    out.append().set_float(p.x);
    out.append().set_float(p.y);
  }
  static Point from_python(ValueRef in) {
    if (in.kind() != Kind::Tuple || in.size() != 2) in.mismatch("a pair of floats");
    return {in.item(0).as_float(), in.item(1).as_float()};
  }
};

template <class T> void show(const char *label, const T &value) {
  std::cout << label << ": " << pybridge::call<std::string>("bridge_fixture.describe", value)
            << "\n";
}

template <class R, class T> R echo(const T &value) {
  return pybridge::call<R>("bridge_fixture.echo", value);
}

template <class R> R eval(const char *expression) {
  return pybridge::call<R>("builtins.eval", expression);
}

template <class F> void expect_error(const char *label, F f) {
  try {
    f();
    std::cout << label << ": no error\n";
  } catch (const pybridge::ConversionError &error) {
    std::cout << label << ": ConversionError: " << error.what() << "\n";
  }
}

int main() {
  using namespace std::chrono;
  // C++ -> Python
  // CHECK: int: int -7
  show("int", -7);
  // CHECK-NEXT: uint64: int 18446744073709551615
  show("uint64", std::numeric_limits<std::uint64_t>::max());
  // CHECK-NEXT: double: float 0.1
  show("double", 0.1);
  // CHECK-NEXT: bool: bool True
  show("bool", true);
  // CHECK-NEXT: string: str 'été'
  show("string", std::string("été"));
  // CHECK-NEXT: string_view: str 'view'
  show("string_view", std::string_view("view"));
  // CHECK-NEXT: bytes: bytes b'\x00\xffA'
  show("bytes", pybridge::Bytes{std::byte{0}, std::byte{255}, std::byte{'A'}});
  // CHECK-NEXT: complex: complex (1-2j)
  show("complex", std::complex<double>(1, -2));
  // CHECK-NEXT: vector: list [1, 2, 3]
  show("vector", std::vector<int>{1, 2, 3});
  // CHECK-NEXT: set: set {1, 2}
  show("set", std::set<int>{2, 1});
  // CHECK-NEXT: map: dict {'a': 1, 'b': 2}
  show("map", std::map<std::string, int>{{"a", 1}, {"b", 2}});
  // CHECK-NEXT: vector key: dict {(1, 2): 'x'}
  show("vector key", std::map<std::vector<int>, std::string>{{{1, 2}, "x"}});
  // CHECK-NEXT: tuple: tuple (1, 'two', 3.5)
  show("tuple", std::make_tuple(1, std::string("two"), 3.5));
  // CHECK-NEXT: pair: tuple (True, None)
  show("pair", std::pair<bool, std::optional<int>>(true, std::nullopt));
  // CHECK-NEXT: variant: str 'alt'
  show("variant", std::variant<int, std::string>(std::string("alt")));
  // CHECK-NEXT: time_point: datetime datetime.datetime(2024, 2, 29, 12, 30, 15, 250000, tzinfo=datetime.timezone.utc)
  show("time_point", sys_days(year(2024) / 2 / 29) + hours(12) + minutes(30) + milliseconds(15250));
  // CHECK-NEXT: duration: timedelta datetime.timedelta(days=1, seconds=3600, microseconds=5)
  show("duration", days(1) + hours(1) + microseconds(5));
  // CHECK-NEXT: user type: tuple (1.5, -2.0)
  show("user type", Point{1.5, -2});
  // CHECK-NEXT: nested: list [{'k': [(1, 'a')]}]
  show("nested", std::vector<std::map<std::string, std::vector<std::pair<int, std::string>>>>{
                     {{"k", {{1, "a"}}}}});

  // Python -> C++
  // CHECK-NEXT: big int: ConversionError: Python int 1267650600228229401496703205376 does not fit in int64_t
  expect_error("big int", [] { eval<std::int64_t>("2**100"); });
  // CHECK-NEXT: uint64 max: 18446744073709551615
  std::cout << "uint64 max: " << eval<std::uint64_t>("2**64 - 1") << "\n";
  // CHECK-NEXT: int8 overflow: ConversionError: Python int 300 does not fit in int8_t
  expect_error("int8 overflow", [] { echo<std::int8_t>(300); });
  // CHECK-NEXT: negative unsigned: ConversionError: Python int -1 does not fit in uint32_t
  expect_error("negative unsigned", [] { echo<unsigned>(-1); });
  // CHECK-NEXT: inexact double: ConversionError: Python int 9007199254740993 has no exact double representation
  expect_error("inexact double", [] { eval<double>("2**53 + 1"); });
  // CHECK-NEXT: int as double: 7
  std::cout << "int as double: " << eval<double>("7") << "\n";
  // CHECK-NEXT: float to int: ConversionError: expected int from Python, got float
  expect_error("float to int", [] { eval<long>("2.5"); });
  // CHECK-NEXT: float overflow: ConversionError: Python float 1e+300 does not fit in float
  expect_error("float overflow", [] { eval<float>("1e300"); });
  // CHECK-NEXT: bool is not int: ConversionError: expected int from Python, got bool
  expect_error("bool is not int", [] { eval<int>("True"); });
  // CHECK-NEXT: sub-microsecond: ConversionError: argument 1 of 'bridge_fixture.echo': a std::chrono value with sub-microsecond precision
  expect_error("sub-microsecond", [] { echo<nanoseconds>(nanoseconds(1500)); });
  // CHECK-NEXT: coarser duration: ConversionError: Python time of 1500000 us would round in the coarser std::chrono type
  expect_error("coarser duration", [] { echo<seconds>(milliseconds(1500)); });
  // CHECK-NEXT: tuple size: ConversionError: expected a tuple of 2 items from Python, got 3
  expect_error("tuple size", [] { eval<std::tuple<int, int>>("(1, 2, 3)"); });

  auto t = echo<sys_time<microseconds>>(sys_days(year(2001) / 9 / 9) + seconds(5));
  // CHECK-NEXT: time_point back: 999993605000000 us
  std::cout << "time_point back: " << t.time_since_epoch().count() << " us\n";
  // CHECK-NEXT: naive datetime as UTC: 86400000000 us
  std::cout << "naive datetime as UTC: "
            << eval<sys_time<microseconds>>("__import__('datetime').datetime(1970, 1, 2)")
                   .time_since_epoch()
                   .count()
            << " us\n";
  // CHECK-NEXT: date: 19723 days
  std::cout << "date: "
            << floor<days>(eval<sys_time<microseconds>>("__import__('datetime').date(2024, 1, 1)"))
                   .time_since_epoch()
                   .count()
            << " days\n";
  // CHECK-NEXT: timedelta: 90000 ms
  std::cout << "timedelta: " << eval<milliseconds>("__import__('datetime').timedelta(minutes=1.5)").count()
            << " ms\n";
  auto z = eval<std::complex<double>>("3+4j");
  // CHECK-NEXT: complex back: 3 4
  std::cout << "complex back: " << z.real() << " " << z.imag() << "\n";
  // CHECK-NEXT: set back: 1 2 3
  std::cout << "set back:";
  for (int x : eval<std::set<int>>("{3, 1, 2}")) std::cout << " " << x;
  std::cout << "\n";
  auto dict = eval<std::unordered_map<std::string, std::vector<double>>>("{'a': [1.5, 2]}");
  // CHECK-NEXT: dict back: 1.5 2
  std::cout << "dict back: " << dict["a"][0] << " " << dict["a"][1] << "\n";
  // CHECK-NEXT: optional: empty 5
  std::cout << "optional: " << (eval<std::optional<int>>("None") ? "set" : "empty") << " "
            << *eval<std::optional<int>>("5") << "\n";
  auto bytes = eval<pybridge::Bytes>("b'\\x00\\x01\\x02'");
  // CHECK-NEXT: bytes back: 3 bytes, last 2
  std::cout << "bytes back: " << bytes.size() << " bytes, last " << int(bytes.back()) << "\n";
  auto point = echo<Point>(Point{3, 4});
  // CHECK-NEXT: user type back: 3 4
  std::cout << "user type back: " << point.x << " " << point.y << "\n";
  // CHECK-NEXT: user type mismatch: ConversionError: expected a pair of floats from Python, got str
  expect_error("user type mismatch", [] { eval<Point>("'p'"); });
  auto tuple = eval<std::tuple<int, std::string, std::vector<bool>>>("(1, 'x', [True, False])");
  // CHECK-NEXT: tuple back: 1 x 2
  std::cout << "tuple back: " << std::get<0>(tuple) << " " << std::get<1>(tuple) << " "
            << std::get<2>(tuple).size() << "\n";
  using Number = std::variant<long, double, std::string>;
  auto numbers = eval<std::vector<Number>>("[1, 2.5, 'three']");
  // CHECK-NEXT: variants: 0 1 2
  std::cout << "variants: " << numbers[0].index() << " " << numbers[1].index() << " "
            << numbers[2].index() << "\n";
  // CHECK-NEXT: enum by value: 2
  std::cout << "enum by value: " << eval<int>("__import__('enum').IntEnum('E', 'A B').B") << "\n";
  // CHECK-NEXT: namedtuple by value: 2
  std::cout << "namedtuple by value: "
            << std::get<1>(eval<std::tuple<int, int>>(
                   "__import__('collections').namedtuple('P', 'x y')(1, 2)"))
            << "\n";

  // pybridge::Value: kinds decided at run time.
  auto value = pybridge::call<pybridge::Value>(
      "json.loads", "[1, 2.5, \"a'b\", null, {\"k\": [true, false]}, 1e16, 1e-05]");
  // CHECK-NEXT: Value: list [1, 2.5, "a'b", None, {'k': [True, False]}, 1e+16, 1e-05]
  std::cout << "Value: " << pybridge::kind_name(value.kind()) << " " << value << "\n";
  auto items = value.as<std::vector<pybridge::Value>>();
  // CHECK-NEXT: items: int float str None dict; 1 2.5 a'b
  std::cout << "items: " << pybridge::kind_name(items[0].kind()) << " "
            << pybridge::kind_name(items[1].kind()) << " " << pybridge::kind_name(items[2].kind())
            << " " << pybridge::kind_name(items[3].kind()) << " "
            << pybridge::kind_name(items[4].kind()) << "; " << items[0].as<int>() << " "
            << items[1].as<double>() << " " << items[2] << "\n";
  // CHECK-NEXT: Value round trip: list [1, 2.5, "a'b", None, {'k': [True, False]}, 1e+16, 1e-05]
  show("Value round trip", value);
  // CHECK-NEXT: Value str: (1+2j) 2:03:04.000005 1999-12-31 23:59:59+00:00 set() (1,) b'\x00'
  std::cout << "Value str:";
  for (const char *expression :
       {"1+2j", "__import__('datetime').timedelta(hours=2, minutes=3, seconds=4, microseconds=5)",
        "__import__('datetime').datetime(1999, 12, 31, 23, 59, 59, "
        "tzinfo=__import__('datetime').timezone.utc)",
        "set()", "(1,)", "b'\\x00'"})
    std::cout << " " << eval<pybridge::Value>(expression);
  std::cout << "\n";
  // CHECK-NEXT: Value as wrong type: ConversionError: expected str from Python, got list
  expect_error("Value as wrong type", [&] { value.as<std::string>(); });
  // CHECK-NEXT: default Value: NoneType None
  show("default Value", pybridge::Value());
}
