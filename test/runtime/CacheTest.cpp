// The execution cache for calls marked cacheable: hits skip the worker; errors,
// objects and expired entries are never served; memory stays within its bound.
#include "cache.hpp"
#include "RuntimeTestSupport.hpp"

#include <pybridge/config.hpp>
#include <pybridge/detail/call.hpp>
#include <pybridge/ndarray.hpp>
#include <pybridge/telemetry.hpp>

namespace {

using namespace pybridge_test;
using pybridge::detail::invoke;

using CacheTest = RuntimeTest;

long runs() { return pybridge::call<long>("pybridge_faults.runs"); }

TEST_F(CacheTest, RepeatedCallIsAnsweredFromTheCache) {
  start({.workers = 1});
  const std::string site = call_site("pybridge_faults.counted", {.policy = {.cache_ms = 60000}});
  EXPECT_EQ(invoke<long>(site, 21), 42);
  EXPECT_EQ(invoke<long>(site, 21), 42);
  EXPECT_EQ(invoke<long>(site, 21), 42);
  EXPECT_EQ(runs(), 1);
  EXPECT_EQ(invoke<long>(site, 5), 10); // other arguments: another entry
  EXPECT_EQ(runs(), 2);
  EXPECT_EQ(invoke<std::string>(site, std::string("ab")), "abab");
  EXPECT_EQ(invoke<std::string>(site, std::string("ab")), "abab");
  EXPECT_EQ(runs(), 3);
}

TEST_F(CacheTest, KeywordsArePartOfTheKey) {
  start({.workers = 1});
  EXPECT_EQ(
      invoke<long>(call_site("pybridge_faults.counted",
                             {.keywords = {"value"}, .policy = {.cache_until_evicted = true}}),
                   4),
      8);
  EXPECT_EQ(invoke<long>(
                call_site("pybridge_faults.counted", {.policy = {.cache_until_evicted = true}}), 4),
            8);
  EXPECT_EQ(runs(), 2); // positional and keyword are different requests
  EXPECT_EQ(
      invoke<long>(call_site("pybridge_faults.counted",
                             {.keywords = {"value"}, .policy = {.cache_until_evicted = true}}),
                   4),
      8);
  EXPECT_EQ(runs(), 2);
}

TEST_F(CacheTest, DynamicCallsTakeTheSameOptions) {
  start({.workers = 1});
  EXPECT_EQ(pybridge::call<long>({.cache = 60s}, "pybridge_faults.counted", 4), 8);
  EXPECT_EQ(pybridge::call<long>({.cache = 60s}, "pybridge_faults.counted", 4), 8);
  EXPECT_EQ(runs(), 1);
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.counted", 4),
            8); // no options: runs
  EXPECT_EQ(runs(), 2);
}

TEST_F(CacheTest, UnmarkedCallsAlwaysRun) {
  start({.workers = 1});
  invoke<long>(call_site("pybridge_faults.counted"), 1);
  invoke<long>(call_site("pybridge_faults.counted"), 1);
  EXPECT_EQ(runs(), 2);
}

TEST_F(CacheTest, EntriesExpire) {
  start({.workers = 1});
  const std::string site = call_site("pybridge_faults.counted", {.policy = {.cache_ms = 200}});
  invoke<long>(site, 1);
  invoke<long>(site, 1);
  EXPECT_EQ(runs(), 1);
  std::this_thread::sleep_for(300ms);
  invoke<long>(site, 1);
  EXPECT_EQ(runs(), 2);
}

TEST_F(CacheTest, ErrorsAreNeverCached) {
  start({.workers = 1});
  const std::string site =
      call_site("pybridge_faults.counted_failure", {.policy = {.cache_ms = 60000}});
  EXPECT_THROW(invoke<long>(site, 1), pybridge::ValueError);
  EXPECT_THROW(invoke<long>(site, 1), pybridge::ValueError);
  EXPECT_EQ(runs(), 2);
}

TEST_F(CacheTest, ObjectsAreNeverCached) {
  start({.workers = 1});
  const std::string site =
      call_site("pybridge_faults.make_counter", {.policy = {.cache_ms = 60000}});
  pybridge::Object a = invoke<pybridge::Object>(site, 1);
  pybridge::Object b = invoke<pybridge::Object>(site, 1);
  EXPECT_EQ(runs(), 2);
  a.call<long>("add", 5); // distinct Python objects
  EXPECT_EQ(a.attr<long>("value"), 6);
  EXPECT_EQ(b.attr<long>("value"), 1);
}

TEST_F(CacheTest, ObjectArgumentsAreNeverCached) {
  start({.workers = 1});
  pybridge::Object counter = pybridge::call("pybridge_faults.Counter", 1);
  const std::string site = call_site("pybridge_faults.echo", {.policy = {.cache_ms = 60000}});
  EXPECT_EQ(invoke<pybridge::Object>(site, counter).attr<long>("value"), 1);
  counter.call<long>("add", 1);
  EXPECT_EQ(invoke<pybridge::Object>(site, counter).attr<long>("value"), 2);
}

TEST_F(CacheTest, MemoryIsBounded) {
  start({.workers = 1, .cache_bytes = 64 * 1024});
  const std::string site =
      call_site("pybridge_faults.text_of_size", {.policy = {.cache_ms = 60000}});
  // Ten 16 KiB results do not fit in 64 KiB: the oldest are evicted.
  for (int i = 0; i < 10; ++i)
    invoke<std::string>(site, 16 * 1024 + i);
  auto before = pybridge::telemetry::metrics();
  invoke<std::string>(site, 16 * 1024 + 9); // the newest is still there
  auto middle = pybridge::telemetry::metrics();
  EXPECT_EQ(middle.cache_hits, before.cache_hits + 1);
  invoke<std::string>(site, 16 * 1024 + 0); // the oldest was evicted
  auto after = pybridge::telemetry::metrics();
  EXPECT_EQ(after.cache_hits, middle.cache_hits);
  EXPECT_EQ(after.cache_misses, middle.cache_misses + 1);
}

TEST_F(CacheTest, ResultLargerThanTheCacheIsReturnedNotStored) {
  start({.workers = 1, .cache_bytes = 1024});
  const std::string site =
      call_site("pybridge_faults.text_of_size", {.policy = {.cache_ms = 60000}});
  EXPECT_EQ(invoke<std::string>(site, 4096).size(), 4096u);
  EXPECT_EQ(invoke<std::string>(site, 4096).size(), 4096u);
}

// An array result moves out of the call's own reply only; a cache hit
// copies it (the first hit used to empty the entry).
TEST_F(CacheTest, ArraysFromTheCacheKeepTheirData) {
  start({.workers = 1});
  for (int i = 0; i < 3; ++i) {
    auto array = pybridge::call<pybridge::NDArray>({.cache = 60s}, "numpy.arange", 10);
    ASSERT_EQ(array.bytes().size(), 80u) << "call " << i;
    EXPECT_EQ(array.values<std::int64_t>()[9], 9);
  }
  pybridge::Value value = pybridge::call<pybridge::Value>("numpy.arange", 10);
  pybridge::Value copy = value;
  EXPECT_EQ(value.as<pybridge::NDArray>().bytes().size(), 80u);
  EXPECT_EQ(copy.as<pybridge::NDArray>().bytes().size(), 80u);
}

// An argument whose array data is in shared memory has no key: its bytes are not in the
// request, so two different frames of the same shape would share an entry.
TEST(CacheKey, ArraysInSharedMemoryAnywhereMakeNoKey) {
  pybridge::v1::CallRequest request;
  request.set_target("m.f");
  auto *column = request.add_args()->mutable_value()->mutable_data_frame()->add_columns();
  column->mutable_ndarray()->set_dtype("<f8");
  column->mutable_ndarray()->set_data(std::string(8, '\0'));
  EXPECT_FALSE(pybridge::detail::ResultCache::key_of(request).empty());
  column->mutable_ndarray()->clear_data();
  column->mutable_ndarray()->mutable_shared()->set_size(8);
  EXPECT_TRUE(pybridge::detail::ResultCache::key_of(request).empty());
  pybridge::v1::Value frame = request.args(0).value(); // now inside a list
  *request.mutable_args(0)->mutable_value()->mutable_list_value()->add_items() = frame;
  EXPECT_TRUE(pybridge::detail::ResultCache::key_of(request).empty());
}

} // namespace
