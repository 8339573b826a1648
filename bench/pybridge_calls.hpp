// The PyBridge side of the benchmarks: stubs compiled with the plugin
// (pybridge_calls.cpp) and the dynamic API. Each call checks its result, so a
// broken bridge cannot look fast.
#pragma once

#include <vector>

namespace bench {

/// Restarts the runtime with `workers` worker processes (the first call starts
/// them).
void use_workers(int workers);

/// The process ids of the running workers.
std::vector<int> worker_pids();

/// operator.add(1, 2) through a plugin-compiled stub.
void add_by_stub();
/// operator.add(1, 2) through pybridge::call (no stub).
void add_by_call();
/// textwrap.fill of a ~1 KB paragraph: about 0.1 ms of pure Python per call.
void wrap_paragraph();

/// Round trips of a float64 array of `mib` MiB through an identity function:
/// seconds each.
std::vector<double> ndarray_round_trips(int mib, int repeats);

/// Reads `items` ints streamed from itertools.repeat: items per second.
double stream_items_per_second(long items);

} // namespace bench
