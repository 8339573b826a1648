// A program started in a directory holding a `statistics.py` (an untrusted download, a
// project's own module) still calls the standard library's: neither the workers nor the
// compiler's describe put the working directory on the module path (runtime/src/launch.hpp).
// Checked stubs and pybridge::call alike; working-directory-not-on-path.py is the same
// program in Python, run as a script (whose directory, not the working one, is on its path).
// RUN: rm -rf %t && mkdir -p %t && cp %S/Inputs/shadowing/statistics.py %t/
// RUN: cd %t && %clangxx %pybridge_cxxflags -fplugin-arg-pybridge-cache-dir=%t/cache %s -o %t/program %pybridge_ldflags
// RUN: cd %t && %pybridge_python %S/working-directory-not-on-path.py > %t/expected
// RUN: cd %t && %t/program | %diff %t/expected -
// RUN: cd %t && env PYBRIDGE_WORKERS=1 %t/program | %diff %t/expected -
#include <pybridge/pybridge.hpp>

#include <iostream>
#include <string>
#include <vector>

[[pybridge::bind("statistics.median")]] double median(std::vector<double> data);
[[pybridge::bind("statistics.mean")]] double mean(std::vector<double> data);

int main() {
  std::cout << "median " << median({5, 1, 3}) << "\n";
  std::cout << "mean " << mean({1, 2, 3, 6}) << "\n";
  std::cout << "dynamic median "
            << pybridge::call<double>("statistics.median", std::vector<double>{4, 8, 6, 2}) << "\n";
  std::cout << "module file is the standard library's: "
            << pybridge::call<bool>("str.startswith", pybridge::attr<std::string>("statistics.__file__"),
                                    pybridge::attr<std::string>("sysconfig._PREFIX"))
            << "\n";
  return 0;
}
