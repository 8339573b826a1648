// Arrays in shared memory (memfd segments over the fast lane): many large round trips through
// numpy leave the host and the workers with the descriptors and mappings they had, and the
// arrays arrive intact whichever worker served them.
#include "RuntimeTestSupport.hpp"

#include <pybridge/ndarray.hpp>
#include <pybridge/telemetry.hpp>

#include <cstring>
#include <numeric>

namespace {

using namespace pybridge_test;
using pybridge::NDArray;

constexpr std::size_t kElements = 1 << 19; // 4 MiB of float64: well above the 1 MiB threshold
constexpr int kRoundTrips = 40;

std::vector<int> worker_pids() {
  std::vector<int> pids;
  for (const auto &worker : pybridge::pool_stats().workers)
    pids.push_back(worker.pid);
  return pids;
}

class SharedMemoryTest : public RuntimeTest {
protected:
  static NDArray counting(double start) {
    std::vector<double> values(kElements);
    std::iota(values.begin(), values.end(), start);
    return NDArray::from(values);
  }
  /// numpy.copy of a large array and back, checked element by element.
  static void round_trip(double start) {
    NDArray sent = counting(start);
    auto copy = pybridge::call<NDArray>("numpy.copy", sent);
    ASSERT_EQ(copy.dtype(), "<f8");
    ASSERT_EQ(copy.size(), kElements);
    auto values = copy.values<double>();
    ASSERT_EQ(values.front(), start);
    ASSERT_EQ(values.back(), start + static_cast<double>(kElements - 1));
    ASSERT_EQ(std::memcmp(copy.data(), sent.data(), sent.nbytes()), 0);
  }
};

TEST_F(SharedMemoryTest, ManyRoundTripsLeakNoDescriptorsNorMappings) {
  start({}); // the default workers
  // Warm up: every worker has imported numpy and answered a large call (connections open,
  // allocator pools grown).
  for (int i = 0; i < 8; ++i)
    round_trip(i);
  std::vector<int> workers = worker_pids();
  ASSERT_FALSE(workers.empty());
  std::size_t host_fds = fds_of(::getpid());
  Mappings host_maps = mappings_of(::getpid());
  EXPECT_EQ(host_maps.segments, 0u) << "no array is alive: no segment is mapped";
  std::vector<std::size_t> worker_fds;
  std::vector<std::size_t> worker_segments;
  std::vector<long> worker_rss;
  for (int pid : workers) {
    worker_fds.push_back(fds_of(pid));
    worker_segments.push_back(mappings_of(pid).segments);
    worker_rss.push_back(rss_kib(pid));
  }

  for (int i = 0; i < kRoundTrips; ++i)
    round_trip(1000.0 * i);

  EXPECT_EQ(fds_of(::getpid()), host_fds);
  EXPECT_EQ(mappings_of(::getpid()), host_maps);
  EXPECT_EQ(worker_pids(), workers) << "no worker restarted";
  for (std::size_t w = 0; w < workers.size(); ++w) {
    int pid = workers[w];
    // A worker lets a segment go once its reply is sent: wait for that, not a fixed time.
    EXPECT_TRUE(eventually([&] { return fds_of(pid) <= worker_fds[w]; }))
        << "worker " << pid << ": " << fds_of(pid) << " descriptors, " << worker_fds[w]
        << " before";
    EXPECT_TRUE(eventually([&] { return mappings_of(pid).segments <= worker_segments[w]; }))
        << "worker " << pid << ": " << mappings_of(pid).segments << " segments mapped, "
        << worker_segments[w] << " before";
    // 40 leaked round trips would be 320 MiB; allow the allocator some slack.
    EXPECT_LT(rss_kib(pid) - worker_rss[w], 32 * 1024) << "worker " << pid << " grew";
  }
}

TEST_F(SharedMemoryTest, ArraysKeptAliveKeepTheirSegmentsAndLetThemGo) {
  start({});
  round_trip(0);
  Mappings before = mappings_of(::getpid());
  {
    std::vector<NDArray> kept;
    for (int i = 0; i < 4; ++i)
      kept.push_back(pybridge::call<NDArray>("numpy.copy", counting(i)));
    EXPECT_EQ(mappings_of(::getpid()).segments, before.segments + 4);
    for (int i = 0; i < 4; ++i)
      EXPECT_EQ(kept[i].values<double>()[1], i + 1.0);
  }
  EXPECT_EQ(mappings_of(::getpid()).segments, before.segments);
}

} // namespace
