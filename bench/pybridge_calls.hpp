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
/// Seconds of the first call into numpy (`numpy.linalg.norm`) of a new one-worker pool, with
/// the drift check (PYBRIDGE_DRIFT) on or off.
double first_numpy_call_seconds(bool drift_check);
/// operator.add(1, 2) through pybridge::call (no stub).
void add_by_call();
/// operator.call(f, 2) whose f is a C++ lambda: Python calls back into this thread.
void add_by_callback();
/// textwrap.fill of a ~1 KB paragraph: about 0.1 ms of pure Python per call.
void wrap_paragraph();
/// The same from a thread that holds an object (made at its first call), so it has a home
/// worker: calls that return values still go to any worker.
void wrap_paragraph_holding_object();

/// Round trips of a float64 array of `mib` MiB through an identity function (or, with
/// `new_array`, numpy.copy: the worker makes a new array): seconds each.
std::vector<double> ndarray_round_trips(int mib, int repeats, bool new_array);

/// Reads `items` ints streamed from itertools.repeat: items per second.
double stream_items_per_second(long items);
/// The same with an object as each item (one handle per item, so the generator steps one
/// item at a time): items per second.
double object_stream_items_per_second(long items);

} // namespace bench
