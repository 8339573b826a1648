// Compiled with -fplugin=pybridge.so: the stubs below get their bodies from the
// plugin.
#include "pybridge_calls.hpp"

#include "runtime.hpp" // the worker pool, for the workers' CPU time

#include <pybridge/config.hpp>
#include <pybridge/ndarray.hpp>
#include <pybridge/pybridge.hpp>
#include <pybridge/stream.hpp>

#include <chrono>
#include <stdexcept>
#include <string>

namespace py {
[[pybridge::bind("operator.add")]] long add(long a, long b);
[[pybridge::bind("textwrap.fill")]] std::string fill(std::string text, int width);
[[pybridge::bind("numpy.ascontiguousarray")]] pybridge::NDArray
ascontiguousarray(pybridge::NDArray a);
[[pybridge::bind("numpy.copy")]] pybridge::NDArray copy(pybridge::NDArray a);
[[pybridge::bind("itertools.repeat")]] pybridge::Stream<long> repeat(long object, long times);
[[pybridge::bind("itertools.repeat")]] pybridge::Stream<pybridge::Object>
repeat_object(const pybridge::Object &object, long times);
[[pybridge::bind("fractions.Fraction")]] pybridge::Object fraction(long numerator,
                                                                   long denominator);
[[pybridge::bind("numpy.linalg.norm")]] double norm(std::vector<double> v);
} // namespace py

namespace bench {

namespace {
void expect(bool ok, const char *what) {
  if (!ok)
    throw std::runtime_error(std::string("wrong result from ") + what);
}

const std::string &paragraph() {
  static const std::string text = [] {
    std::string words;
    for (int i = 0; i < 40; ++i)
      words += "lorem ipsum dolor sit amet ";
    return words;
  }();
  return text;
}
} // namespace

void use_workers(int workers) {
  pybridge::shutdown();
  pybridge::Options options;
  options.workers = workers;
  pybridge::configure(options);
}

std::vector<int> worker_pids() {
  std::vector<int> pids;
  for (const auto &worker : pybridge::detail::Runtime::get()->pool().workers())
    if (worker)
      pids.push_back(worker->pid());
  return pids;
}

void add_by_stub() { expect(py::add(1, 2) == 3, "operator.add"); }

double first_numpy_call_seconds(bool drift_check) {
  pybridge::shutdown();
  pybridge::Options options;
  options.workers = 1;
  options.drift = drift_check ? pybridge::DriftPolicy::Error : pybridge::DriftPolicy::Ignore;
  pybridge::configure(options);
  add_by_stub(); // the pool runs; numpy is not imported yet
  auto start = std::chrono::steady_clock::now();
  expect(py::norm({3.0, 4.0}) == 5.0, "numpy.linalg.norm");
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  pybridge::shutdown();
  return seconds;
}

void add_by_callback() {
  long x = 2;
  expect(pybridge::call<long>(
             "operator.call", [x](long y) { return x + y; }, 1) == 3,
         "operator.call");
}

void add_by_call() { expect(pybridge::call<long>("operator.add", 1L, 2L) == 3, "operator.add"); }

void wrap_paragraph() {
  expect(py::fill(paragraph(), 60).size() == paragraph().size() - 1, "textwrap.fill");
}

void wrap_paragraph_holding_object() {
  thread_local pybridge::Object held = py::fraction(1, 3);
  wrap_paragraph();
}

std::vector<double> ndarray_round_trips(int mib, int repeats, bool new_array) {
  std::vector<double> values(static_cast<std::size_t>(mib) * (1 << 20) / sizeof(double));
  for (std::size_t i = 0; i < values.size(); ++i)
    values[i] = static_cast<double>(i);
  pybridge::NDArray array = pybridge::NDArray::from(values);
  std::vector<double> seconds;
  for (int i = -1; i < repeats; ++i) { // the first round trip warms up (numpy import)
    auto start = std::chrono::steady_clock::now();
    array = new_array ? py::copy(std::move(array)) : py::ascontiguousarray(std::move(array));
    auto stop = std::chrono::steady_clock::now();
    if (i >= 0)
      seconds.push_back(std::chrono::duration<double>(stop - start).count());
  }
  auto back = array.values<double>();
  expect(back.size() == values.size() && back[values.size() / 2] == values[values.size() / 2] &&
             back.back() == values.back(),
         new_array ? "numpy.copy" : "numpy.ascontiguousarray");
  return seconds;
}

double stream_items_per_second(long items) {
  for (long item : py::repeat(7, 10))
    expect(item == 7, "itertools.repeat"); // warm-up
  long count = 0, sum = 0;
  auto start = std::chrono::steady_clock::now();
  for (long item : py::repeat(7, items)) {
    ++count;
    sum += item;
  }
  auto stop = std::chrono::steady_clock::now();
  expect(count == items && sum == 7 * items, "itertools.repeat");
  return static_cast<double>(items) / std::chrono::duration<double>(stop - start).count();
}

double object_stream_items_per_second(long items) {
  pybridge::Object third = py::fraction(1, 3);
  for (const pybridge::Object &item : py::repeat_object(third, 10))
    expect(item.type_name() == "fractions.Fraction", "itertools.repeat"); // warm-up
  long count = 0;
  auto start = std::chrono::steady_clock::now();
  for (const pybridge::Object &item : py::repeat_object(third, items))
    count += static_cast<bool>(item);
  auto stop = std::chrono::steady_clock::now();
  expect(count == items, "itertools.repeat");
  return static_cast<double>(items) / std::chrono::duration<double>(stop - start).count();
}

} // namespace bench
