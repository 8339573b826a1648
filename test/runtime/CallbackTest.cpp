// C++ callables passed to Python (pybridge/callback.hpp): nesting, the thread they run on,
// exceptions both ways, errors of Python's calls, lifetime, objects and streams.
#include "RuntimeTestSupport.hpp"

#include <pybridge/callback.hpp>
#include <pybridge/ndarray.hpp>
#include <pybridge/stream.hpp>

#include <algorithm>
#include <stdexcept>
#include <thread>

namespace {

using namespace pybridge_test;
using pybridge::kw;

class CallbackTest : public RuntimeTest, public ::testing::WithParamInterface<int> {};

// C++ -> Python -> C++ -> Python -> C++ -> Python, on one worker (the waiting worker serves
// the nested calls itself) and on several (they may go to another).
TEST_P(CallbackTest, NestsThreeLevelsDeep) {
  start({.workers = GetParam()});
  int deepest = 0, depth = 0;
  std::thread::id me = std::this_thread::get_id();
  bool other_thread = false;
  auto add = [&](long total, long x) {
    deepest = std::max(deepest, depth);
    other_thread |= std::this_thread::get_id() != me;
    return pybridge::call<long>("operator.add", total, x);
  };
  auto digit_sum = [&](long n) {
    ++depth;
    std::vector<long> digits;
    for (char c : std::to_string(n))
      digits.push_back(c - '0');
    long sum =
        pybridge::call<long>("functools.reduce", std::function<long(long, long)>(add), digits, 0L);
    --depth;
    return sum;
  };
  auto sorted = pybridge::call<std::vector<long>>(
      "builtins.sorted", std::vector<long>{91, 19, 5, 700, 44}, kw("key", digit_sum));
  EXPECT_EQ(sorted, (std::vector<long>{5, 700, 44, 91, 19}));
  EXPECT_EQ(deepest, 1);
  EXPECT_FALSE(other_thread);
  // The worker goes on serving plain calls afterwards.
  EXPECT_EQ(pybridge::call<long>("operator.add", 2, 3), 5);
}

// Arrays large enough for the trailer (128 KiB) and for shared memory (2 MiB) go to the C++
// callback and come back from it: functools.reduce adds three arrays with a C++ function.
TEST_P(CallbackTest, LargeArraysCrossBothWays) {
  using pybridge::NDArray;
  start({.workers = GetParam()});
  for (std::size_t n : {std::size_t{16} << 10, std::size_t{256} << 10}) {
    std::vector<NDArray> arrays;
    for (int k = 1; k <= 3; ++k)
      arrays.push_back(NDArray::from(std::vector<double>(n, k)));
    int calls = 0;
    std::function<NDArray(NDArray, NDArray)> add = [&](NDArray a, NDArray b) {
      ++calls;
      std::vector<double> sum(a.size());
      for (std::size_t i = 0; i < sum.size(); ++i)
        sum[i] = a.values<double>()[i] + b.values<double>()[i];
      return NDArray::from(sum);
    };
    auto total = pybridge::call<NDArray>("functools.reduce", add, arrays);
    EXPECT_EQ(calls, 2);
    ASSERT_EQ(total.size(), n);
    auto values = total.values<double>();
    EXPECT_EQ(std::count(values.begin(), values.end(), 6.0), static_cast<long>(n)) << n;
  }
}

INSTANTIATE_TEST_SUITE_P(Workers, CallbackTest, ::testing::Values(1, 2));

using CallbackErrorTest = RuntimeTest;

struct NotAStdException {
  int code;
};

TEST_F(CallbackErrorTest, UncaughtExceptionReachesTheCallerAsItself) {
  start({.workers = 1});
  auto key = [](long x) -> long {
    if (x == 2)
      throw NotAStdException{42};
    return x;
  };
  try {
    pybridge::call<std::vector<long>>("builtins.sorted", std::vector<long>{3, 2, 1},
                                      kw("key", key));
    ADD_FAILURE() << "no exception";
  } catch (const NotAStdException &error) {
    EXPECT_EQ(error.code, 42);
  }
  // Through two levels: the inner Python call ends with it, then the outer.
  auto rethrowing = [](long x) -> long {
    return pybridge::call<long>("builtins.max", std::vector<long>{x},
                                kw("key", [](long) -> long { throw std::range_error("deep"); }));
  };
  EXPECT_THROW(pybridge::call<std::vector<long>>("builtins.sorted", std::vector<long>{1, 2},
                                                 kw("key", rethrowing)),
               std::range_error);
}

TEST_F(CallbackErrorTest, PythonCatchesTheCppException) {
  start({.workers = 1});
  auto failing = [](long) -> long { throw std::invalid_argument("negative"); };
  EXPECT_EQ(pybridge::call<std::string>("pybridge_faults.call_catching", failing, 1),
            "pybridge_agent.callbacks.CallbackError: negative");
  // Caught in Python, so not thrown again here: the call returns normally.
  EXPECT_EQ(pybridge::call<std::string>(
                "pybridge_faults.call_catching", [](long x) { return x * 2; }, 21),
            "42");
}

TEST_F(CallbackErrorTest, WrongCallsAreTypeErrorsInPython) {
  start({.workers = 1});
  auto one = [](long x) { return x; };
  EXPECT_EQ(pybridge::call<std::string>("pybridge_faults.call_catching", one, 1, 2),
            "builtins.TypeError: the C++ callback takes 1 argument (2 given)");
  EXPECT_EQ(pybridge::call<std::string>("pybridge_faults.call_catching", one, "x"),
            "builtins.TypeError: argument 1 of the C++ callback: expected int from Python, got "
            "str");
}

TEST_F(CallbackErrorTest, ACallbackLivesAsLongAsItsCallOrItsCallback) {
  start({.workers = 1});
  // A lambda passed directly: gone when the call that took it returns.
  pybridge::call<void>("pybridge_faults.keep", [](long x) { return x + 1; });
  try {
    pybridge::call<long>("pybridge_faults.call_kept", 1);
    ADD_FAILURE() << "no exception";
  } catch (const pybridge::PythonError &error) {
    EXPECT_TRUE(error.is_instance("builtins.ReferenceError")) << error.what();
    EXPECT_NE(std::string(error.what()).find("pybridge::Callback"), std::string::npos);
  }
  // A pybridge::Callback: callable by later calls while a copy lives.
  std::optional<pybridge::Callback> kept(std::in_place, [](long x) { return x + 1; });
  pybridge::call<void>("pybridge_faults.keep", *kept);
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.call_kept", 1), 2);
  pybridge::Callback copy = *kept;
  kept.reset();
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.call_kept", 2), 3);
  copy = pybridge::Callback([](long x) { return x; });
  EXPECT_THROW(pybridge::call<long>("pybridge_faults.call_kept", 1), pybridge::PythonError);
}

TEST_F(CallbackErrorTest, OnlyTheCallsThreadMayCallIt) {
  start({.workers = 1});
  EXPECT_EQ(pybridge::call<std::string>(
                "pybridge_faults.call_later", [](long x) { return x; }, 1)
                .rfind("pybridge_agent.callbacks.CallbackUnavailable: ", 0),
            0u);
}

using CallbackValueTest = RuntimeTest;

// Objects go both ways: the callback receives the worker's objects and may return them.
TEST_F(CallbackValueTest, ObjectsAsArgumentsAndResults) {
  start({.workers = 2});
  std::vector<pybridge::Object> fractions;
  for (long d : {3, 2, 5})
    fractions.push_back(pybridge::call("fractions.Fraction", 1, d));
  std::vector<std::string> seen;
  auto key = [&](pybridge::Object f) {
    seen.push_back(f.str());
    return f;
  };
  auto sorted =
      pybridge::call<std::vector<pybridge::Object>>("builtins.sorted", fractions, kw("key", key));
  ASSERT_EQ(sorted.size(), 3u);
  EXPECT_EQ(sorted[0].str(), "1/5");
  EXPECT_EQ(sorted[2].str(), "1/2");
  EXPECT_EQ(seen, (std::vector<std::string>{"1/3", "1/2", "1/5"}));
}

// A stream's generator calls the callback between items: the loop's thread runs it.
TEST_F(CallbackValueTest, StreamsCallCallbacksAsTheyGo) {
  start({.workers = 1});
  long calls = 0;
  std::vector<long> items;
  for (long x : pybridge::call<pybridge::Stream<long>>(
           "builtins.map",
           [&](long x) {
             ++calls;
             return x * x;
           },
           std::vector<long>{1, 2, 3, 4}))
    items.push_back(x);
  EXPECT_EQ(items, (std::vector<long>{1, 4, 9, 16}));
  EXPECT_EQ(calls, 4);
}

// A C++ callable that returns nothing, by function pointer.
long g_total = 0;
void accumulate(long x) { g_total += x; }

TEST_F(CallbackValueTest, FunctionPointersAndVoid) {
  start({.workers = 1});
  g_total = 0;
  EXPECT_EQ(pybridge::call<std::string>("pybridge_faults.call_catching", &accumulate, 5), "None");
  EXPECT_EQ(pybridge::call<std::string>("pybridge_faults.call_catching", accumulate, 6), "None");
  EXPECT_EQ(g_total, 11);
}

// The call's timeout covers the time its callbacks run.
TEST_F(CallbackValueTest, TimeoutCoversTheCallbacks) {
  start({.workers = 1, .timeout = std::chrono::milliseconds(300)});
  auto slow = [](long x) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    return x;
  };
  EXPECT_THROW(pybridge::call<std::vector<long>>("builtins.sorted", std::vector<long>{1, 2, 3},
                                                 kw("key", slow)),
               pybridge::TimeoutError);
  EXPECT_EQ(pybridge::call<long>("operator.add", 2, 3), 5);
}

} // namespace
