// The allowlist as a boundary for names: a corpus of escape attempts against workers
// started with PYBRIDGE_ALLOW, through dotted paths, object handles, pybridge::Value
// containers, stream items and attribute writes. Each must be refused by the allowlist
// (its message says so), and none may run its payload: where one could run a command, the
// command would create a marker file, which must not exist at the end. (Stubs: the lit test
// plugin/allowlist-stubs.cpp.)
#include "RuntimeTestSupport.hpp"
#include <pybridge/stream.hpp>

#include <filesystem>

namespace {

using namespace pybridge_test;
using pybridge::Object;
using pybridge::Value;

struct Attempt {
  const char *what;
  std::function<void()> run;
};

class AllowlistTest : public RuntimeTest {
protected:
  void SetUp() override {
    RuntimeTest::SetUp();
    marker_ =
        std::filesystem::temp_directory_path() / ("pybridge-escaped-" + std::to_string(::getpid()));
    std::filesystem::remove(marker_);
    start({.workers = 1,
           .allow = {"math", "fractions", "json", "pybridge_hardening", "pybridge_faults"}});
  }
  void TearDown() override {
    EXPECT_FALSE(std::filesystem::exists(marker_)) << "an escape ran its payload";
    std::filesystem::remove(marker_);
    RuntimeTest::TearDown();
  }
  /// A shell command that leaves the marker behind if it ever runs.
  std::string payload() const { return "touch " + marker_.string(); }

  static void expect_refused(const std::vector<Attempt> &attempts) {
    for (const Attempt &attempt : attempts) {
      try {
        attempt.run();
        ADD_FAILURE() << attempt.what << ": not refused";
      } catch (const pybridge::Error &error) {
        EXPECT_NE(std::string(error.what()).find("allowlist"), std::string::npos)
            << attempt.what << ": refused for another reason: " << error.what();
      }
    }
  }

  std::filesystem::path marker_;
};

TEST_F(AllowlistTest, DottedPathsAreRefused) {
  std::string cmd = payload();
  expect_refused({
      {"a module outside the list", [&] { pybridge::call<long>("os.system", cmd); }},
      {"a module's __dict__", [] { pybridge::attr<Value>("math.__dict__"); }},
      {"through a module's __dict__",
       [] { pybridge::call<Object>("math.__dict__.get", "__loader__"); }},
      {"a module's loader", [] { pybridge::call<Object>("math.__loader__.load_module", "os"); }},
      {"a module's spec", [] { pybridge::attr<Object>("math.__spec__"); }},
      {"a builtin's __self__", [] { pybridge::attr<Object>("math.sqrt.__self__"); }},
      {"a builtin's __self__, then its loader",
       [] { pybridge::attr<Object>("math.sqrt.__self__.__loader__"); }},
      {"a method's globals",
       [] { pybridge::attr<Value>("fractions.Fraction.__init__.__globals__"); }},
      {"a function's globals",
       [] { pybridge::attr<Value>("pybridge_hardening.nested.__globals__"); }},
      {"a function's code", [] { pybridge::attr<Object>("pybridge_hardening.nested.__code__"); }},
      {"a function's builtins",
       [] { pybridge::attr<Object>("pybridge_hardening.nested.__builtins__"); }},
      {"a class's subclasses", [] { pybridge::call<Value>("fractions.Fraction.__subclasses__"); }},
      {"a class's metaclass", [] { pybridge::attr<Object>("fractions.Fraction.__class__"); }},
      {"a class's bases", [] { pybridge::attr<Value>("fractions.Fraction.__mro__"); }},
      {"a module a library imported", [] { pybridge::attr<Object>("fractions.sys.modules"); }},
      {"a private import of a library",
       [&] { pybridge::call<long>("pybridge_hardening._os.system", cmd); }},
      {"a library's import of re", [] { pybridge::call<Object>("json.decoder.re.compile", "x"); }},
      {"eval", [] { pybridge::call<long>("eval", "1 + 1"); }},
      {"exec", [&] { pybridge::call<Object>("exec", "import os; os.system('" + cmd + "')"); }},
      {"__import__", [] { pybridge::call<Object>("__import__", "os"); }},
      {"builtins.getattr", [] { pybridge::call<Object>("builtins.getattr", 1, "__class__"); }},
  });
}

TEST_F(AllowlistTest, NamesOnHandlesAreRefused) {
  std::string cmd = payload();
  Object sqrt = pybridge::attr<Object>("math.sqrt");
  Object fraction = pybridge::call<Object>("fractions.Fraction", 1, 3);
  Object holder = pybridge::call<Object>("pybridge_hardening.Holder");
  Object generator = pybridge::call<Object>("pybridge_hardening.counting");
  expect_refused({
      {"__self__ of a handle", [&] { sqrt.attr<Object>("__self__"); }},
      {"__class__ of a handle", [&] { fraction.attr<Object>("__class__"); }},
      {"__reduce__ of a handle", [&] { fraction.call<Value>("__reduce__"); }},
      {"__reduce_ex__ of a handle", [&] { fraction.call<Value>("__reduce_ex__", 2); }},
      {"__getattribute__ of a handle",
       [&] { fraction.call<Object>("__getattribute__", "__class__"); }},
      {"__init_subclass__ of a handle", [&] { fraction.call<Object>("__init_subclass__"); }},
      {"__dict__ of a handle", [&] { holder.attr<Value>("__dict__"); }},
      {"a module an object holds", [&] { holder.attr<Object>("tool"); }},
      {"a function of another module an object holds", [&] { holder.call<long>("run", cmd); }},
      {"a generator's frame", [&] { generator.attr<Object>("gi_frame"); }},
      {"a generator's code", [&] { generator.attr<Object>("gi_code"); }},
      {"setting __class__", [&] { fraction.set_attr("__class__", holder); }},
      {"setting __dict__", [&] { holder.set_attr("__dict__", 1); }},
  });
  EXPECT_EQ(holder.attr<long>("value"), 3); // what the object itself offers stays usable
  EXPECT_DOUBLE_EQ(sqrt.call<double>("__call__", 4.0), 2.0);
}

TEST_F(AllowlistTest, ObjectsHandedOutAreChecked) {
  expect_refused({
      {"a function of another module",
       [] { pybridge::call<Object>("pybridge_hardening.give_system"); }},
      {"another module", [] { pybridge::call<Object>("pybridge_hardening.give_os"); }},
      {"a frame", [] { pybridge::call<Object>("pybridge_hardening.give_frame"); }},
      {"a traceback", [] { pybridge::call<Object>("pybridge_hardening.give_traceback"); }},
      {"eval, as a result", [] { pybridge::call<Object>("pybridge_hardening.give_eval"); }},
      {"a stream item",
       [] {
         for (const Value &item :
              pybridge::call<pybridge::Stream<Value>>("pybridge_hardening.yield_modules"))
           (void)item;
       }},
  });
}

TEST_F(AllowlistTest, ObjectsInsideValueContainersAreChecked) {
  expect_refused({
      {"a dict of a library's tools", [] { pybridge::attr<Value>("pybridge_hardening.TOOLS"); }},
      {"a module's globals as a dict",
       [] { pybridge::call<Value>("pybridge_hardening.globals_of_module"); }},
      {"a frame in a list", [] { pybridge::call<Value>("pybridge_hardening.frames_in_a_list"); }},
      {"a dict's tools, read with get",
       [] { pybridge::call<Value>("pybridge_hardening.TOOLS.get", "system"); }},
  });
  // Plain values and admitted objects inside containers still arrive.
  auto parsed = pybridge::call<Value>("json.loads", std::string("{\"a\": [1, 2]}"));
  EXPECT_EQ(parsed.str(), "{'a': [1, 2]}");
}

} // namespace
