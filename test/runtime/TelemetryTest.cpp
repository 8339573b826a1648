// Telemetry: start/stop/exception events with what a call cost, and the metrics
// snapshot.
#include "RuntimeTestSupport.hpp"

#include <pybridge/config.hpp>
#include <pybridge/detail/call.hpp>
#include <pybridge/session.hpp>
#include <pybridge/stream.hpp>
#include <pybridge/telemetry.hpp>

namespace {

using namespace pybridge_test;
using pybridge::telemetry::Event;
using pybridge::telemetry::Phase;

/// An event with its string views copied.
struct Seen {
  Phase phase;
  std::string target, error;
  std::chrono::nanoseconds duration;
  std::size_t request_bytes, reply_bytes;
  int worker;
  std::uint64_t session;
  bool cache_hit;
  int attempts;
};

class TelemetryTest : public RuntimeTest {
protected:
  void SetUp() override {
    RuntimeTest::SetUp();
    handler_ = pybridge::telemetry::add_handler([this](const Event &event) {
      std::lock_guard lock(mutex_);
      events_.push_back({event.phase, std::string(event.target), std::string(event.error),
                         event.duration, event.request_bytes, event.reply_bytes, event.worker,
                         event.session, event.cache_hit, event.attempts});
    });
  }
  void TearDown() override {
    pybridge::telemetry::remove_handler(handler_);
    RuntimeTest::TearDown();
  }
  std::vector<Seen> take() {
    std::lock_guard lock(mutex_);
    return std::exchange(events_, {});
  }

private:
  std::uint64_t handler_ = 0;
  std::mutex mutex_;
  std::vector<Seen> events_;
};

TEST_F(TelemetryTest, StartAndStopOfACall) {
  start({.workers = 1});
  take();
  EXPECT_EQ(pybridge::call<std::string>("pybridge_faults.text_of_size", 1000).size(), 1000u);
  auto events = take();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].phase, Phase::Start);
  EXPECT_EQ(events[0].target, "pybridge_faults.text_of_size");
  EXPECT_EQ(events[1].phase, Phase::Stop);
  EXPECT_EQ(events[1].target, "pybridge_faults.text_of_size");
  EXPECT_GT(events[1].duration.count(), 0);
  EXPECT_GT(events[1].request_bytes, 0u);
  EXPECT_GT(events[1].reply_bytes,
            1000u); // the 1000-character string came back
  EXPECT_EQ(events[1].worker, 0);
  EXPECT_EQ(events[1].session, 0u);
  EXPECT_FALSE(events[1].cache_hit);
  EXPECT_EQ(events[1].attempts, 1);
}

TEST_F(TelemetryTest, ExceptionEventCarriesTheError) {
  start({.workers = 1});
  take();
  EXPECT_THROW(pybridge::call<double>("math.sqrt", -1.0), pybridge::ValueError);
  auto events = take();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].phase, Phase::Exception);
  EXPECT_EQ(events[1].error, "ValueError: math domain error");
  EXPECT_EQ(events[1].worker, 0);
}

TEST_F(TelemetryTest, MethodCallsNameTheirType) {
  start({.workers = 1});
  pybridge::Session session;
  pybridge::Session::Scope scope(session);
  pybridge::Object counter = pybridge::call("pybridge_faults.Counter", 1);
  take();
  counter.call<long>("add", 2);
  auto events = take();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].target, "pybridge_faults.Counter.add");
  EXPECT_EQ(events[1].session, session.id());
}

TEST_F(TelemetryTest, CacheHitsRunNowhere) {
  start({.workers = 1});
  pybridge::detail::invoke<long>(
      call_site("pybridge_faults.counted", {.policy = {.cache_until_evicted = true}}), 2);
  take();
  pybridge::detail::invoke<long>(
      call_site("pybridge_faults.counted", {.policy = {.cache_until_evicted = true}}), 2);
  auto events = take();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_TRUE(events[1].cache_hit);
  EXPECT_EQ(events[1].worker, -1);
  EXPECT_EQ(events[1].request_bytes, 0u);
}

TEST_F(TelemetryTest, RetriesAreCounted) {
  start({.workers = 1, .retries = 1});
  take();
  EXPECT_THROW(pybridge::detail::invoke<void>(
                   call_site("pybridge_faults.kill_self", {.policy = {.idempotent = true}})),
               pybridge::WorkerLost);
  auto events = take();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].phase, Phase::Exception);
  EXPECT_EQ(events[1].attempts, 2);
}

TEST_F(TelemetryTest, HandlerExceptionsAreIgnored) {
  start({.workers = 1});
  auto id = pybridge::telemetry::add_handler([](const Event &) { throw std::runtime_error("x"); });
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.add", 1, 2), 3);
  pybridge::telemetry::remove_handler(id);
}

TEST_F(TelemetryTest, MetricsCountCallsErrorsBytesAndLatency) {
  start({.workers = 1});
  pybridge::telemetry::reset_metrics();
  for (int i = 0; i < 20; ++i)
    pybridge::call<long>("pybridge_faults.add", i, 1);
  EXPECT_THROW(pybridge::call<double>("math.sqrt", -1.0), pybridge::ValueError);
  {
    pybridge::ScopedTimeout timeout(200ms);
    EXPECT_THROW(pybridge::call<double>("pybridge_faults.sleep", 5.0), pybridge::TimeoutError);
  }
  pybridge::detail::invoke<long>(
      call_site("pybridge_faults.counted", {.policy = {.cache_until_evicted = true}}), 1);
  pybridge::detail::invoke<long>(
      call_site("pybridge_faults.counted", {.policy = {.cache_until_evicted = true}}), 1);
  auto m = pybridge::telemetry::metrics();
  EXPECT_EQ(m.calls, 24u);
  EXPECT_EQ(m.errors, 2u);
  EXPECT_EQ(m.timeouts, 1u);
  EXPECT_EQ(m.workers_lost, 0u);
  EXPECT_EQ(m.cache_hits, 1u);
  EXPECT_EQ(m.cache_misses, 1u);
  EXPECT_GT(m.bytes_sent, 20u * 10);
  EXPECT_GT(m.bytes_received, 20u * 5);
  EXPECT_GT(m.p50.count(), 0);
  EXPECT_LE(m.p50, m.p90);
  EXPECT_LE(m.p90, m.p99);
  EXPECT_LE(m.p99, m.max);
  EXPECT_GE(m.max, 200ms); // the call that timed out
  EXPECT_LT(m.p50, m.max); // the median is one of the quick calls
  EXPECT_EQ(m.restarts, 0u);
}

// A result that does not convert is the call's error: the call ends with
// Exception, not Stop, and counts as an error.
TEST_F(TelemetryTest, AResultThatDoesNotConvertIsTheCallsError) {
  start({.workers = 1});
  pybridge::telemetry::reset_metrics();
  take();
  EXPECT_THROW(pybridge::call<long>("str", 5), pybridge::ConversionError);
  auto events = take();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].phase, Phase::Start);
  EXPECT_EQ(events[1].phase, Phase::Exception);
  EXPECT_NE(events[1].error.find("expected int"), std::string::npos) << events[1].error;
  EXPECT_EQ(pybridge::telemetry::metrics().errors, 1u);
}

TEST_F(TelemetryTest, AStreamItemThatDoesNotConvertEndsTheStreamAsAnError) {
  start({.workers = 1});
  int before = worker_pid(0);
  take();
  auto items = pybridge::call<pybridge::Stream<long>>("itertools.repeat", std::string("x"), 5);
  EXPECT_THROW(items.begin(), pybridge::ConversionError);
  auto events = take();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].phase, Phase::Exception);
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.pid"), before); // the generator was stopped
}

} // namespace
