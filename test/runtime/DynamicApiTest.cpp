// The dynamic API and the options as a program sees them: a target name is only a name, options
// set in code win over the environment, keywords and streams behave as values and ranges, the
// wire form stays out of the public types.
#include "RuntimeTestSupport.hpp"
#include <pybridge/stream.hpp>

#include <type_traits>

namespace pybridge::v1 {
class Value;
}

namespace {

using namespace pybridge_test;

using DynamicApiTest = RuntimeTest;

// A name from data cannot carry call-site keywords, flags or a drift check: "math.sqrt|x" is
// no Python name (it used to call sqrt(x=4.0)).
TEST_F(DynamicApiTest, TargetIsNotParsedAsACallSite) {
  start({.workers = 1});
  EXPECT_EQ(pybridge::call<double>("math.sqrt", 4.0), 2.0);
  EXPECT_THROW(pybridge::call<double>("math.sqrt|x", 4.0), pybridge::Error);
  EXPECT_THROW(pybridge::call<long>("pybridge_faults.counted|||cache", 1), pybridge::Error);
  EXPECT_THROW(pybridge::attr<double>("math.pi||math@0000"), pybridge::Error);
  try {
    pybridge::attr<double>("math.pi||math@0000");
  } catch (const pybridge::DriftError &error) {
    ADD_FAILURE() << "the name was read as a call site: " << error.what();
  } catch (const pybridge::Error &) {
  }
  pybridge::Object counter = pybridge::call("pybridge_faults.Counter", 1);
  EXPECT_THROW(counter.call<long>("add|n", 1), pybridge::Error);
  EXPECT_EQ(counter.call<long>("add", 1), 2);
}

// Zero is a value that can be set in code: "no timeout" over PYBRIDGE_TIMEOUT_MS.
TEST_F(DynamicApiTest, ZeroTimeoutInCodeWinsOverTheEnvironment) {
  ScopedEnv timeout("PYBRIDGE_TIMEOUT_MS", "100");
  start({.workers = 1, .timeout = std::chrono::milliseconds(0)});
  EXPECT_EQ(pybridge::call<double>("pybridge_faults.sleep", 0.4), 0.4);
}

TEST_F(DynamicApiTest, UnsetTimeoutComesFromTheEnvironment) {
  ScopedEnv timeout("PYBRIDGE_TIMEOUT_MS", "100");
  start({.workers = 1});
  EXPECT_THROW(pybridge::call<double>("pybridge_faults.sleep", 0.4), pybridge::TimeoutError);
}

// A Keyword holds a temporary by value, so it can be made first and passed later.
static_assert(std::is_same_v<decltype(pybridge::kw("width", 12)), pybridge::Keyword<int>>);
static_assert(!std::is_reference_v<decltype(pybridge::Keyword<int>::value)>);

TEST_F(DynamicApiTest, KeywordsMayBeKept) {
  start({.workers = 1});
  auto width = pybridge::kw("width", 12);
  auto placeholder = pybridge::kw("placeholder", std::string(" [more]"));
  std::string text = "the quick brown fox jumps over the lazy dog";
  EXPECT_EQ(pybridge::call<std::string>("textwrap.shorten", text, width, placeholder),
            "the [more]");
}

// A second begin() goes on where the first left the stream: no item is skipped.
TEST_F(DynamicApiTest, BeginTwiceSkipsNothing) {
  start({.workers = 1});
  auto numbers = pybridge::call<pybridge::Stream<long>>("pybridge_faults.count_up", 4);
  auto first = numbers.begin();
  EXPECT_EQ(*first, 0);
  auto again = numbers.begin();
  EXPECT_EQ(*again, 0);
  ++again;
  std::vector<long> rest;
  for (long n : numbers)
    rest.push_back(n);
  EXPECT_EQ(rest, (std::vector<long>{1, 2, 3}));
}

// The wire form is the runtime's: a program cannot make or read a ValueRef from it.
static_assert(
    !std::is_constructible_v<pybridge::ValueRef, const pybridge::v1::Value &, std::nullptr_t>);
static_assert(
    !std::is_constructible_v<pybridge::ValueBuilder, pybridge::v1::Value &, std::nullptr_t>);
template <class T>
concept HasWire = requires(const T &value) { value.wire(); };
static_assert(!HasWire<pybridge::ValueRef> && !HasWire<pybridge::ValueBuilder>);

} // namespace
