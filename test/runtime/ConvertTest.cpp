// Converter<T> round trips through the wire form, and the errors for values that do not fit.
#include "pybridge.pb.h"

#include <pybridge/ndarray.hpp>
#include <pybridge/pybridge.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <complex>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <variant>
#include <vector>

namespace {

using pybridge::ConversionError;
using pybridge::Converter;
using pybridge::Kind;
using pybridge::ValueBuilder;
using pybridge::ValueRef;

template <class T> pybridge::v1::Value encode(const T &value) {
  pybridge::v1::Value wire;
  Converter<T>::to_python(pybridge::detail::ValueAccess::builder(wire, nullptr), value);
  return wire;
}

template <class To, class From> To round_trip(const From &value) {
  pybridge::v1::Value wire = encode(value);
  return Converter<To>::from_python(pybridge::detail::ValueAccess::ref(wire, nullptr));
}

template <class T> T decode(const pybridge::v1::Value &wire) {
  return Converter<T>::from_python(pybridge::detail::ValueAccess::ref(wire, nullptr));
}

TEST(Convert, ScalarsRoundTrip) {
  EXPECT_EQ(round_trip<int>(42), 42);
  EXPECT_EQ(round_trip<long long>(std::numeric_limits<long long>::min()),
            std::numeric_limits<long long>::min());
  EXPECT_EQ(round_trip<double>(2.5), 2.5);
  EXPECT_EQ(round_trip<float>(0.25f), 0.25f);
  EXPECT_TRUE(round_trip<bool>(true));
  EXPECT_EQ(round_trip<std::string>(std::string("héllo")), "héllo");
  EXPECT_EQ(round_trip<std::string>(std::string_view("view")), "view");
  EXPECT_EQ(round_trip<std::complex<double>>(std::complex<double>(1, -2)),
            std::complex<double>(1, -2));
}

TEST(Convert, BoolIsNotAnInt) {
  EXPECT_EQ(encode(true).kind_case(), pybridge::v1::Value::kBoolValue);
  EXPECT_EQ(encode(1).kind_case(), pybridge::v1::Value::kIntValue);
  EXPECT_THROW(round_trip<int>(true), ConversionError);
  EXPECT_THROW(round_trip<bool>(1), ConversionError);
}

TEST(Convert, IntegerOverflowIsAnError) {
  EXPECT_THROW(round_trip<std::int8_t>(300), ConversionError);
  EXPECT_THROW(round_trip<unsigned>(-1), ConversionError);
  EXPECT_THROW(round_trip<int>(std::int64_t{1} << 40), ConversionError);
  try {
    round_trip<std::int16_t>(70000);
    FAIL() << "no exception";
  } catch (const ConversionError &error) {
    EXPECT_STREQ(error.what(), "Python int 70000 does not fit in int16_t");
  }
}

TEST(Convert, LargeUnsignedTravelsAsBigInt) {
  std::uint64_t big = std::numeric_limits<std::uint64_t>::max();
  pybridge::v1::Value wire = encode(big);
  ASSERT_EQ(wire.kind_case(), pybridge::v1::Value::kBigInt);
  EXPECT_EQ(wire.big_int(), "18446744073709551615");
  EXPECT_EQ(decode<std::uint64_t>(wire), big);
  wire.set_big_int("18446744073709551616");
  EXPECT_THROW(decode<std::uint64_t>(wire), ConversionError);
  EXPECT_THROW(decode<std::int64_t>(wire), ConversionError);
}

TEST(Convert, IntWidensToFloatOnlyWhenExact) {
  EXPECT_EQ(round_trip<double>(7), 7.0);
  EXPECT_THROW(round_trip<double>((std::int64_t{1} << 53) + 1), ConversionError);
  EXPECT_THROW(round_trip<double>(std::string("1.0")), ConversionError);
}

TEST(Convert, Containers) {
  std::vector<double> values{1.5, 2.5};
  EXPECT_EQ(round_trip<std::vector<double>>(values), values);
  std::vector<std::string> words{"a", "b"};
  EXPECT_EQ(round_trip<std::vector<std::string>>(words), words);
  std::map<std::string, int> counts{{"x", 1}, {"y", 2}};
  EXPECT_EQ((round_trip<std::map<std::string, int>>(counts)), counts);
  std::unordered_map<int, std::vector<int>> nested{{1, {2, 3}}};
  EXPECT_EQ((round_trip<std::unordered_map<int, std::vector<int>>>(nested)), nested);
  std::set<int> unique{3, 1};
  EXPECT_EQ(encode(unique).kind_case(), pybridge::v1::Value::kSetValue);
  EXPECT_EQ(round_trip<std::set<int>>(unique), unique);
  auto tuple = std::make_tuple(1, std::string("two"), 3.0);
  EXPECT_EQ((round_trip<std::tuple<int, std::string, double>>(tuple)), tuple);
  EXPECT_EQ((round_trip<std::pair<int, bool>>(std::pair(4, false))), std::pair(4, false));
}

TEST(Convert, TupleSizeMustMatch) {
  EXPECT_THROW((round_trip<std::tuple<int, int>>(std::make_tuple(1, 2, 3))), ConversionError);
}

TEST(Convert, OptionalIsNone) {
  EXPECT_EQ(encode(std::optional<int>()).kind_case(), pybridge::v1::Value::kNone);
  EXPECT_EQ(round_trip<std::optional<int>>(std::optional<int>(5)), 5);
  EXPECT_EQ(round_trip<std::optional<int>>(std::optional<int>()), std::nullopt);
}

TEST(Convert, VariantTakesTheFirstAlternativeThatFits) {
  using V = std::variant<int, std::string>;
  EXPECT_EQ(round_trip<V>(std::string("s")), V(std::string("s")));
  EXPECT_EQ(round_trip<V>(3), V(3));
  EXPECT_THROW(round_trip<V>(2.5), ConversionError);
}

TEST(Convert, ChronoIsExact) {
  using namespace std::chrono;
  sys_time<microseconds> t{microseconds(1700000000123456)};
  EXPECT_EQ(round_trip<sys_time<microseconds>>(t), t);
  EXPECT_EQ(round_trip<milliseconds>(milliseconds(1500)), milliseconds(1500));
  EXPECT_THROW(round_trip<seconds>(milliseconds(1500)), ConversionError);
}

TEST(Convert, ChronoComputesAsDurationCast) {
  using namespace std::chrono;
  EXPECT_EQ(round_trip<duration<double>>(microseconds(1)), duration<double>(1e-6));
  EXPECT_EQ(round_trip<duration<float>>(duration<float>(0.1f)), duration<float>(0.1f));
  EXPECT_EQ(round_trip<hours>(hours(-49)), hours(-49));
  EXPECT_THROW(round_trip<microseconds>(nanoseconds(1500)), ConversionError); // would round
  EXPECT_THROW(round_trip<microseconds>(duration<double>(1.5e-7)), ConversionError);
  EXPECT_THROW(round_trip<nanoseconds>(hours(24 * 365 * 300)), ConversionError); // past 2262
  EXPECT_THROW(round_trip<microseconds>(duration<double>(NAN)), ConversionError);
}

// convert.hpp knows the standard types by their members (it includes none of their headers):
// exactly these, and no look-alike.
static_assert(pybridge::detail::monostate_like<std::monostate>);
static_assert(!pybridge::detail::monostate_like<std::less<int>>);
static_assert(!pybridge::detail::monostate_like<std::nullopt_t>);
static_assert(!pybridge::detail::monostate_like<std::tuple<>>);
static_assert(pybridge::detail::system_time_like<std::chrono::system_clock::time_point>);
static_assert(!pybridge::detail::system_time_like<std::chrono::steady_clock::time_point>);
static_assert(pybridge::detail::map_like<std::unordered_map<int, int>>);
static_assert(!pybridge::detail::set_like<std::map<int, int>>);
static_assert(!pybridge::detail::map_like<std::vector<int>> &&
              !pybridge::detail::set_like<std::vector<int>>);
static_assert(pybridge::detail::complex_like<std::complex<long double>>);
static_assert(!pybridge::detail::complex_like<std::vector<double>>);

TEST(Convert, MonostateIsNone) {
  using V = std::variant<std::monostate, long>;
  EXPECT_EQ(round_trip<V>(V()), V());
  EXPECT_EQ(round_trip<V>(V(4L)), V(4L));
}

// The dtype a vector's elements convert from is spelled by a formula in convert.hpp; it must be
// ndarray.hpp's dtype_of.
template <class... T> constexpr bool dtypes_agree() {
  return ((pybridge::detail::element_dtype<T>::name == pybridge::dtype_of<T>()) && ...);
}
static_assert(
    dtypes_agree<bool, char, signed char, unsigned char, short, unsigned short, int, unsigned, long,
                 unsigned long, long long, unsigned long long, float, double, long double,
                 std::complex<float>, std::complex<double>, std::complex<long double>>());

TEST(Convert, BytesAreRaw) {
  pybridge::Bytes bytes{std::byte{0}, std::byte{255}};
  pybridge::v1::Value wire = encode(bytes);
  ASSERT_EQ(wire.kind_case(), pybridge::v1::Value::kBytesValue);
  EXPECT_EQ(wire.bytes_value(), std::string("\0\xff", 2));
  EXPECT_EQ(decode<pybridge::Bytes>(wire), bytes);
}

TEST(Convert, NDArrayIsOneBuffer) {
  std::vector<double> values{1, 2, 3, 4, 5, 6};
  auto array = pybridge::NDArray::from(std::span<const double>(values), {2, 3});
  pybridge::v1::Value wire = encode(array);
  ASSERT_EQ(wire.kind_case(), pybridge::v1::Value::kNdarray);
  EXPECT_EQ(wire.ndarray().dtype(), "<f8");
  EXPECT_EQ(wire.ndarray().data().size(), 6 * sizeof(double));
  auto back = decode<pybridge::NDArray>(wire);
  EXPECT_EQ(back.shape(), (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ(back.values<double>()[5], 6.0);
  EXPECT_THROW(back.values<float>(), ConversionError);
  EXPECT_THROW(pybridge::NDArray::from(std::span<const double>(values), {4, 2}), ConversionError);
}

TEST(Convert, OneDimensionalArraysConvertToVectors) {
  auto array = pybridge::NDArray::from(std::vector<std::int64_t>{7, 8});
  pybridge::v1::Value wire = encode(array);
  EXPECT_EQ(decode<std::vector<std::int64_t>>(wire), (std::vector<std::int64_t>{7, 8}));
  EXPECT_EQ(decode<std::vector<double>>(wire), (std::vector<double>{7, 8}));
  EXPECT_THROW(decode<std::vector<bool>>(wire), ConversionError);
  auto matrix =
      pybridge::NDArray::from(std::span<const std::int64_t>(array.values<std::int64_t>()), {1, 2});
  EXPECT_THROW(decode<std::vector<std::int64_t>>(encode(matrix)), ConversionError);
}

// NumPy's default dtypes (int64, float64) into narrower element types
// convert element by element, each exactly as the number would from Python, or not at all.
TEST(Convert, ArraysOfAnotherDtypeConvertElementByElement) {
  auto int64s = encode(pybridge::NDArray::from(std::vector<std::int64_t>{0, -5, 2147483647}));
  EXPECT_EQ(decode<std::vector<int>>(int64s), (std::vector<int>{0, -5, 2147483647}));
  EXPECT_EQ(decode<std::vector<double>>(int64s), (std::vector<double>{0, -5, 2147483647}));
  EXPECT_THROW(decode<std::vector<float>>(int64s), ConversionError) << "2147483647 would round";
  EXPECT_THROW(decode<std::vector<unsigned>>(int64s), ConversionError) << "-5 is negative";
  try {
    decode<std::vector<std::int16_t>>(int64s);
    FAIL() << "no exception";
  } catch (const ConversionError &error) {
    EXPECT_STREQ(error.what(), "element 2 of a numpy array of <i8 is not exactly a <i2");
  }

  auto uint64s = encode(pybridge::NDArray::from(std::vector<std::uint64_t>{1ull << 63}));
  EXPECT_EQ(decode<std::vector<double>>(uint64s), (std::vector<double>{0x1p63}));
  EXPECT_THROW(decode<std::vector<std::int64_t>>(uint64s), ConversionError);
  auto max64 = encode(pybridge::NDArray::from(std::vector<std::int64_t>{INT64_MAX}));
  EXPECT_THROW(decode<std::vector<double>>(max64), ConversionError) << "rounds up to 2^63";

  auto doubles = encode(pybridge::NDArray::from(std::vector<double>{0.5, 1e300}));
  EXPECT_THROW(decode<std::vector<long>>(doubles), ConversionError) << "floats stay floats";
  EXPECT_THROW(decode<std::vector<float>>(doubles), ConversionError) << "1e300 overflows float";
  auto halves = encode(pybridge::NDArray::from(std::vector<double>{0.5, -2.25}));
  EXPECT_EQ(decode<std::vector<float>>(halves), (std::vector<float>{0.5f, -2.25f}));
  auto floats = encode(pybridge::NDArray::from(std::vector<float>{0.1f}));
  EXPECT_EQ(decode<std::vector<double>>(floats), (std::vector<double>{0.1f}));
  auto bools = encode(pybridge::NDArray::from(std::vector<bool>{true}));
  EXPECT_THROW(decode<std::vector<int>>(bools), ConversionError);
}

// Complex arrays into complex vectors (the same dtype in one copy, others element by
// element), reals into complex ones; complex numbers never become reals.
TEST(Convert, ComplexArraysConvert) {
  using cd = std::complex<double>;
  using cf = std::complex<float>;
  auto complexes = encode(pybridge::NDArray::from(std::vector<cd>{{1, -2}, {0.5, 3}}));
  EXPECT_EQ(decode<std::vector<cd>>(complexes), (std::vector<cd>{{1, -2}, {0.5, 3}}));
  EXPECT_EQ(decode<std::vector<cf>>(complexes), (std::vector<cf>{{1, -2}, {0.5, 3}}));
  EXPECT_THROW(decode<std::vector<double>>(complexes), ConversionError);
  auto fine = encode(pybridge::NDArray::from(std::vector<cd>{{0.1, 0}}));
  EXPECT_THROW(decode<std::vector<cf>>(fine), ConversionError) << "0.1 rounds as a float";
  auto singles = encode(pybridge::NDArray::from(std::vector<cf>{{0.1f, 2}}));
  EXPECT_EQ(decode<std::vector<cd>>(singles), (std::vector<cd>{{0.1f, 2}}));
  auto ints = encode(pybridge::NDArray::from(std::vector<std::int64_t>{3, -4}));
  EXPECT_EQ(decode<std::vector<cd>>(ints), (std::vector<cd>{{3, 0}, {-4, 0}}));
}

TEST(Convert, MismatchNamesBothSides) {
  try {
    round_trip<std::string>(3);
    FAIL() << "no exception";
  } catch (const ConversionError &error) {
    EXPECT_STREQ(error.what(), "expected str from Python, got int");
  }
}

struct Point {
  double x, y;
  bool operator==(const Point &) const = default;
};

} // namespace

template <> struct pybridge::Converter<Point> {
  static void to_python(ValueBuilder out, const Point &p) {
    out.set_tuple(2);
    out.append().set_float(p.x);
    out.append().set_float(p.y);
  }
  static Point from_python(ValueRef in) { return {in.item(0).as_float(), in.item(1).as_float()}; }
};

namespace {
TEST(Convert, UserSpecializationsComposeWithContainers) {
  std::vector<Point> points{{1, 2}, {3, 4}};
  EXPECT_EQ(round_trip<std::vector<Point>>(points), points);
}
} // namespace

// Converting a wire value never empties it (a cache entry or a
// pybridge::Value is converted again later).
TEST(Convert, NDArrayConversionLeavesTheValueWhole) {
  auto array = pybridge::NDArray::from(std::vector<double>{1, 2, 3});
  pybridge::v1::Value wire = encode(array);
  auto first = decode<pybridge::NDArray>(wire);
  auto second = decode<pybridge::NDArray>(wire);
  EXPECT_EQ(first.bytes().size(), 3 * sizeof(double));
  ASSERT_EQ(second.bytes().size(), 3 * sizeof(double));
  EXPECT_EQ(second.values<double>()[2], 3.0);
}

// A dict's two lists come from the peer; their lengths are checked, and so
// is every index.
TEST(Convert, DictWithMoreKeysThanValuesIsAProtocolError) {
  pybridge::v1::Value wire = encode(std::map<int, int>{{1, 10}, {2, 20}});
  wire.mutable_dict_value()->mutable_values()->RemoveLast();
  EXPECT_THROW((decode<std::map<int, int>>(wire)), pybridge::ProtocolError);
  EXPECT_THROW((decode<pybridge::Value>(wire).str()), pybridge::ProtocolError);
}

TEST(Convert, DictIndexOutOfRangeIsAnError) {
  pybridge::v1::Value wire = encode(std::map<int, int>{{1, 10}});
  ValueRef dict = pybridge::detail::ValueAccess::ref(wire, nullptr);
  EXPECT_EQ(dict.value(0).as_int(), 10);
  EXPECT_THROW(dict.key(1), ConversionError);
  EXPECT_THROW(dict.value(5), ConversionError);
}

// A datetime outside the years a nanosecond time_point holds is an error
// that says so (the unchecked cast overflowed).
TEST(Convert, TimeOutsideTheTargetRangeIsAnError) {
  using namespace std::chrono;
  pybridge::v1::Value wire;
  wire.mutable_datetime()->set_epoch_us(10'000'000'000'000'000); // the year 318857
  try {
    decode<sys_time<nanoseconds>>(wire);
    ADD_FAILURE() << "no error";
  } catch (const ConversionError &error) {
    EXPECT_NE(std::string(error.what()).find("outside the range"), std::string::npos)
        << error.what();
  }
  EXPECT_EQ(decode<sys_time<microseconds>>(wire).time_since_epoch().count(),
            10'000'000'000'000'000);
  EXPECT_THROW(encode(duration<double>(1e300)), ConversionError);
}

// ... and an int beyond int64 converts to double when the double holds it exactly.
TEST(Convert, BigIntToDoubleWhenExact) {
  pybridge::v1::Value wire;
  wire.set_big_int("1180591620717411303424"); // 2**70
  EXPECT_EQ(decode<double>(wire), std::ldexp(1.0, 70));
  wire.set_big_int("1180591620717411303425"); // 2**70 + 1
  EXPECT_THROW(decode<double>(wire), ConversionError);
  wire.set_big_int("-1180591620717411303424");
  EXPECT_EQ(decode<double>(wire), -std::ldexp(1.0, 70));
}
