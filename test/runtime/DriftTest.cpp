// Drift: a library whose fingerprint differs from the one compiled into the call
// site is reported at its first use (DriftError, or a warning), and stays
// reported.
#include "RuntimeTestSupport.hpp"

#include <pybridge/config.hpp>
#include <pybridge/detail/call.hpp>

#include <filesystem>

namespace {

using namespace pybridge_test;
using pybridge::detail::invoke;

class DriftTest : public RuntimeTest {
protected:
  void SetUp() override {
    RuntimeTest::SetUp();
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("pybridge-drift-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    const char *old = std::getenv("PYTHONPATH");
    path_.emplace("PYTHONPATH", dir_.string() + (old ? std::string(":") + old : ""));
  }
  void TearDown() override {
    RuntimeTest::TearDown();
    path_.reset();
    std::filesystem::remove_all(dir_);
  }
  void write_module(const std::string &source) {
    std::ofstream(dir_ / "pybridge_drift_probe.py") << source;
  }
  /// The library fingerprint of `module` as a worker computes it now (what the plugin
  /// compiles into stubs).
  static std::string current_hash(const std::string &module = "pybridge_drift_probe") {
    return pybridge::call<std::string>("pybridge_agent.fingerprint.library_fingerprint", module);
  }

  std::filesystem::path dir_;
  std::optional<ScopedEnv> path_;
  ScopedEnv no_bytecode_{"PYTHONDONTWRITEBYTECODE", "1"}; // a rewritten module is re-read
};

constexpr const char *kVersion1 = "def scale(x):\n    return x * 2\n";
constexpr const char *kVersion2 = "def scale(x, factor=3):\n    return x * factor\n";

TEST_F(DriftTest, SameLibraryPasses) {
  write_module(kVersion1);
  start({.workers = 1});
  std::string site = call_site("pybridge_drift_probe.scale",
                               {.module = "pybridge_drift_probe", .hash = current_hash()});
  EXPECT_EQ(invoke<long>(site, 4), 8);
  EXPECT_EQ(invoke<long>(site, 5), 10);
}

TEST_F(DriftTest, ChangedLibraryIsAnErrorAtEveryCall) {
  write_module(kVersion1);
  start({.workers = 1});
  std::string built_with = current_hash();
  pybridge::shutdown();

  write_module(kVersion2); // the library changes after the program was built
  start({.workers = 1});
  ASSERT_NE(current_hash(), built_with);
  std::string site = call_site("pybridge_drift_probe.scale",
                               {.module = "pybridge_drift_probe", .hash = built_with});
  for (int i = 0; i < 2; ++i) {
    try {
      invoke<long>(site, 4);
      FAIL() << "no DriftError";
    } catch (const pybridge::DriftError &error) {
      std::string what = error.what();
      EXPECT_NE(what.find("'pybridge_drift_probe' changed since this program was compiled"),
                std::string::npos)
          << what;
      EXPECT_NE(what.find(built_with.substr(0, 12)), std::string::npos) << what;
    }
  }
}

TEST_F(DriftTest, WarnPolicyLogsOnceAndCalls) {
  write_module(kVersion2);
  start({.workers = 1, .drift = pybridge::DriftPolicy::Warn});
  std::string site = call_site("pybridge_drift_probe.scale",
                               {.module = "pybridge_drift_probe", .hash = "0123456789abcdef"});
  EXPECT_EQ(invoke<long>(site, 4), 12);
  EXPECT_EQ(invoke<long>(site, 4), 12);
  EXPECT_TRUE(log.contains("warning: the Python module 'pybridge_drift_probe' changed"))
      << log.all();
}

TEST_F(DriftTest, PolicyComesFromEnvironment) {
  write_module(kVersion2);
  ScopedEnv ignore("PYBRIDGE_DRIFT", "ignore");
  start({.workers = 1});
  EXPECT_EQ(invoke<long>(call_site("pybridge_drift_probe.scale",
                                   {.module = "pybridge_drift_probe", .hash = "0000"}),
                         4),
            12);
  EXPECT_FALSE(log.contains("changed since")) << log.all();
}

TEST_F(DriftTest, UnknownLibraryIsReportedNotCached) {
  start({.workers = 1});
  EXPECT_THROW(invoke<long>(call_site("pybridge_drift_missing.f",
                                      {.module = "pybridge_drift_missing", .hash = "00"}),
                            1),
               pybridge::Error);
  write_module(kVersion1); // the check runs again at the next call, and now passes
  std::ofstream(dir_ / "pybridge_drift_missing.py") << kVersion1;
  std::string hash = current_hash("pybridge_drift_missing");
  EXPECT_EQ(invoke<long>(call_site("pybridge_drift_missing.scale",
                                   {.module = "pybridge_drift_missing", .hash = hash}),
                         1),
            2);
}

// Each call is checked against the hash its own stub was built with: a
// stale stub still fails after a current one checked the module first.
TEST_F(DriftTest, EachBuildHashIsCheckedOnItsOwn) {
  write_module(kVersion1);
  start({.workers = 1});
  std::string current = call_site("pybridge_drift_probe.scale",
                                  {.module = "pybridge_drift_probe", .hash = current_hash()});
  std::string stale = call_site("pybridge_drift_probe.scale",
                                {.module = "pybridge_drift_probe", .hash = "0000stale"});
  EXPECT_EQ(invoke<long>(current, 4), 8);
  EXPECT_THROW(invoke<long>(stale, 4), pybridge::DriftError);
  EXPECT_EQ(invoke<long>(current, 4), 8);
  EXPECT_THROW(invoke<long>(stale, 4), pybridge::DriftError);
}

TEST_F(DriftTest, WarnPolicyWarnsOncePerBuildHash) {
  write_module(kVersion1);
  start({.workers = 1, .drift = pybridge::DriftPolicy::Warn});
  std::string current = call_site("pybridge_drift_probe.scale",
                                  {.module = "pybridge_drift_probe", .hash = current_hash()});
  EXPECT_EQ(invoke<long>(current, 4), 8);
  EXPECT_FALSE(log.contains("changed since")) << log.all();
  EXPECT_EQ(invoke<long>(call_site("pybridge_drift_probe.scale",
                                   {.module = "pybridge_drift_probe", .hash = "0000stale"}),
                         4),
            8);
  EXPECT_TRUE(log.contains("changed since")) << log.all();
}

// A policy set in code wins over PYBRIDGE_DRIFT, as documented.
TEST_F(DriftTest, PolicyInCodeWinsOverTheEnvironment) {
  write_module(kVersion2);
  ScopedEnv ignore("PYBRIDGE_DRIFT", "ignore");
  start({.workers = 1, .drift = pybridge::DriftPolicy::Error});
  EXPECT_THROW(invoke<long>(call_site("pybridge_drift_probe.scale",
                                      {.module = "pybridge_drift_probe", .hash = "0000"}),
                            4),
               pybridge::DriftError);
}

} // namespace
