// pybridge::Value: an owned copy of a wire value; kind(), as<T>(), and str() as
// Python prints.
#include "pybridge.pb.h"

#include <pybridge/ndarray.hpp>
#include <pybridge/pybridge.hpp>
#include <pybridge/stream.hpp>

#include <gtest/gtest.h>

#include <chrono>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace {

using pybridge::Converter;
using pybridge::Kind;
using pybridge::Value;

template <class T> Value value_of(const T &cpp) {
  pybridge::v1::Value wire;
  Converter<T>::to_python(pybridge::detail::ValueAccess::builder(wire, nullptr), cpp);
  return Converter<Value>::from_python(pybridge::detail::ValueAccess::ref(wire, nullptr));
}

std::string str_of_float(double x) { return value_of(x).str(); }

TEST(Value, DefaultIsNone) {
  Value none;
  EXPECT_EQ(none.kind(), Kind::None);
  EXPECT_TRUE(none.is_none());
  EXPECT_EQ(none.str(), "None");
  EXPECT_EQ(none.as<std::optional<int>>(), std::nullopt);
}

TEST(Value, DefaultEncodesAsNone) {
  pybridge::v1::Value wire;
  Converter<Value>::to_python(pybridge::detail::ValueAccess::builder(wire, nullptr), Value());
  EXPECT_EQ(wire.kind_case(), pybridge::v1::Value::kNone);
}

TEST(Value, OwnsItsCopy) {
  Value value;
  {
    pybridge::v1::Value wire;
    Converter<std::vector<int>>::to_python(pybridge::detail::ValueAccess::builder(wire, nullptr),
                                           {1, 2});
    value = Converter<Value>::from_python(pybridge::detail::ValueAccess::ref(wire, nullptr));
  } // the wire value is gone; the Value is not
  EXPECT_EQ(value.kind(), Kind::List);
  EXPECT_EQ(value.as<std::vector<int>>(), (std::vector<int>{1, 2}));
  EXPECT_THROW(value.as<std::string>(), pybridge::ConversionError);
}

TEST(Value, FloatsPrintLikePythonRepr) {
  EXPECT_EQ(str_of_float(2.0), "2.0");
  EXPECT_EQ(str_of_float(0.1), "0.1");
  EXPECT_EQ(str_of_float(-1.5), "-1.5");
  EXPECT_EQ(str_of_float(1e15), "1000000000000000.0");
  EXPECT_EQ(str_of_float(1e16), "1e+16");
  EXPECT_EQ(str_of_float(1.5e300), "1.5e+300");
  EXPECT_EQ(str_of_float(0.0001), "0.0001");
  EXPECT_EQ(str_of_float(0.00001), "1e-05");
  EXPECT_EQ(str_of_float(123.456), "123.456");
  EXPECT_EQ(str_of_float(-0.0), "-0.0");
  EXPECT_EQ(str_of_float(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(str_of_float(std::numeric_limits<double>::quiet_NaN()), "nan");
}

TEST(Value, ContainersPrintTheirItemsRepr) {
  EXPECT_EQ(value_of(std::string("it's")).str(), "it's");
  EXPECT_EQ(value_of(std::vector<std::string>{"it's", "a\"b", "c\n"}).str(),
            "[\"it's\", 'a\"b', 'c\\n']");
  EXPECT_EQ(value_of(std::map<std::string, bool>{{"k", true}}).str(), "{'k': True}");
  EXPECT_EQ(value_of(std::make_tuple(1)).str(), "(1,)");
  EXPECT_EQ(value_of(std::make_tuple()).str(), "()");
  EXPECT_EQ(value_of(std::set<int>{}).str(), "set()");
  EXPECT_EQ(value_of(std::complex<double>(0, 2)).str(), "2j");
  EXPECT_EQ(value_of(std::complex<double>(1.5, -0.5)).str(), "(1.5-0.5j)");
  EXPECT_EQ(value_of(pybridge::Bytes{std::byte{'a'}, std::byte{0x80}}).str(), "b'a\\x80'");
}

// Beyond ASCII as Python's repr: printable characters as they are, others escaped by size
// (ValueReprTest compares thousands of random values with CPython itself).
TEST(Value, StringsEscapeWhatPythonCannotPrint) {
  auto repr = [](const std::string &text) { return value_of(std::vector<std::string>{text}).str(); };
  EXPECT_EQ(repr("\u0080"), "['\\x80']");
  EXPECT_EQ(repr("\u00ad"), "['\\xad']"); // soft hyphen: a format character
  EXPECT_EQ(repr("\u200b"), "['\\u200b']");
  EXPECT_EQ(repr("\U000e0001"), "['\\U000e0001']");
  EXPECT_EQ(repr("caf\u00e9 \U0001f600"), "['caf\u00e9 \U0001f600']");
  EXPECT_EQ(repr("'\"\\\x7f"), "['\\'\"\\\\\\x7f']");
}

TEST(Value, TimesPrintLikePythonStr) {
  using namespace std::chrono;
  EXPECT_EQ(value_of(microseconds(-1)).str(), "-1 day, 23:59:59.999999");
  EXPECT_EQ(value_of(hours(49)).str(), "2 days, 1:00:00");
  EXPECT_EQ(value_of(seconds(0)).str(), "0:00:00");
  EXPECT_EQ(value_of(std::vector<seconds>{seconds(90)}).str(), "[datetime.timedelta(seconds=90)]");
  auto t = sys_days(year(1969) / 12 / 31) + hours(23) + microseconds(7);
  EXPECT_EQ(value_of(t).str(), "1969-12-31 23:00:00.000007+00:00");
}

TEST(Value, ArraysPrintTheirShape) {
  std::vector<float> values(6);
  auto array = pybridge::NDArray::from(std::span<const float>(values), {2, 3});
  EXPECT_EQ(value_of(array).str(), "<ndarray <f4 (2, 3)>");
  EXPECT_EQ(value_of(pybridge::NDArray::from(values)).str(), "<ndarray <f4 (6,)>");
}

TEST(Value, CopiesShareOneValue) {
  Value a = value_of(std::vector<int>{1, 2, 3});
  Value b = a;
  EXPECT_EQ(&pybridge::detail::ValueAccess::wire(a.ref()),
            &pybridge::detail::ValueAccess::wire(b.ref()));
}

} // namespace

// A Stream is an input range: it works with the standard range algorithms and
// views.
static_assert(std::ranges::input_range<pybridge::Stream<int>>);
static_assert(std::input_iterator<std::ranges::iterator_t<pybridge::Stream<std::string>>>);
