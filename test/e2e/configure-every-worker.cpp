// Libraries configured once, then used from several threads, so on several workers:
// pybridge::on_every_worker runs process-wide settings (numpy's print options, a warnings
// filter) on every worker, including those started after it. configure-every-worker.py is the
// same program in Python.
// REQUIRES: python-numpy
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %pybridge_python %S/configure-every-worker.py > %t.expected
// RUN: %t | %diff %t.expected -
// RUN: env PYBRIDGE_WORKERS=1 %t | %diff %t.expected -
// RUN: env PYBRIDGE_WORKERS=2 %t | %diff %t.expected -
// RUN: env PYBRIDGE_WORKERS=4 %t | %diff %t.expected -
#include <pybridge/pybridge.hpp>
#include <pybridge/config.hpp>
#include <pybridge/ndarray.hpp>

#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace np {
using pybridge::NDArray;
[[pybridge::bind("numpy.set_printoptions")]] void
set_printoptions([[pybridge::name("precision")]] long precision,
                 [[pybridge::name("suppress")]] bool suppress);
[[pybridge::bind("numpy.array2string")]] std::string array2string(const NDArray &a);
[[pybridge::bind("numpy.divide")]] NDArray divide(const NDArray &a, const NDArray &b);
} // namespace np

[[pybridge::bind("warnings.simplefilter")]] void simplefilter(std::string action);

int main() {
  pybridge::on_every_worker([] {
    np::set_printoptions(3, true);
    simplefilter("error"); // warnings are raised as exceptions
  });

  // Four threads, eight calls each: the calls return values, so they spread over the workers.
  std::vector<std::string> printed(32);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([t, &printed] {
      for (int i = 0; i < 8; ++i) {
        int n = t * 8 + i;
        std::vector<double> values{1.0 / (n + 1), n / 3.0, 1e-9 * n};
        printed[n] = np::array2string(pybridge::NDArray::from(values));
      }
    });
  for (auto &thread : threads)
    thread.join();
  for (std::size_t n = 0; n < printed.size(); n += 7)
    std::cout << n << ": " << printed[n] << "\n";

  int raised = 0;
  std::vector<std::thread> dividers;
  std::string error;
  std::mutex mutex;
  for (int t = 0; t < 4; ++t)
    dividers.emplace_back([&] {
      for (int i = 0; i < 4; ++i) {
        try {
          np::divide(pybridge::NDArray::from(std::vector<double>{1.0}),
                     pybridge::NDArray::from(std::vector<double>{0.0}));
        } catch (const pybridge::PythonError &e) {
          std::lock_guard lock(mutex);
          ++raised;
          error = e.what();
        }
      }
    });
  for (auto &thread : dividers)
    thread.join();
  std::cout << raised << " of 16 divisions by zero raised " << error << "\n";
}
