// pybridge::DataFrame in and out of pandas: columns large enough to cross in shared memory,
// arithmetic and methods on the frame, a frame pandas builds, a column as a numpy array.
// pandas-dataframe.py is the same program in Python.
// REQUIRES: python-pandas
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %pybridge_python %S/pandas-dataframe.py > %t.expected
// RUN: %t | %diff %t.expected -
// RUN: env PYBRIDGE_WORKERS=2 %t | %diff %t.expected -
#include <pybridge/dataframe.hpp>
#include <pybridge/pybridge.hpp>
#include <pybridge/ndarray.hpp>

#include <cstdint>
#include <iostream>
#include <map>
#include <numeric>
#include <string>
#include <vector>

using pybridge::DataFrame;
using pybridge::NDArray;

[[pybridge::bind("statistics.fmean")]] double fmean(std::vector<double> data);

namespace {
long last_int(const DataFrame &frame, const std::string &name) {
  const NDArray &column = frame[name];
  if (column.dtype() == "<f8")
    return static_cast<long>(column.values<double>().back());
  return static_cast<long>(column.values<std::int64_t>().back());
}
} // namespace

int main() {
  constexpr long rows = 200000; // 1.6 MB a column: in shared memory
  std::vector<double> x(rows);
  std::iota(x.begin(), x.end(), 0.0);
  std::vector<std::int64_t> n(rows);
  for (long i = 0; i < rows; ++i)
    n[static_cast<std::size_t>(i)] = 2 * i;
  DataFrame frame;
  frame.add("x", NDArray::from(x)).add("n", NDArray::from(n));
  std::cout << "columns " << frame.names()[0] << " " << frame.names()[1] << " rows "
            << frame.rows() << "\n";

  auto doubled = pybridge::call<DataFrame>("operator.mul", frame, 2);
  std::cout << "doubled x[" << rows - 1 << "]=" << last_int(doubled, "x") << " n[" << rows - 1
            << "]=" << last_int(doubled, "n") << " dtypes " << doubled["x"].dtype() << " "
            << doubled["n"].dtype() << "\n";

  auto sums = pybridge::call<DataFrame>("pandas.DataFrame.cumsum", frame);
  std::cout << "cumsum x[-1]=" << last_int(sums, "x") << " n[-1]=" << last_int(sums, "n")
            << "\n";

  auto built = pybridge::call<DataFrame>(
      "pandas.DataFrame",
      std::map<std::string, std::vector<double>>{{"a", {1, 2, 3}}, {"b", {4, 5, 6}}});
  std::cout << "from dict " << built.names()[0] << " " << built.names()[1] << " rows "
            << built.rows() << " b[2]=" << last_int(built, "b") << "\n";

  auto column = frame["x"].values<double>();
  std::cout << "mean " << fmean({column.begin(), column.end()}) << "\n";

  auto copy = pybridge::call<DataFrame>("pandas.DataFrame.copy", frame);
  bool same = copy.names() == frame.names() &&
              copy["x"].bytes() == frame["x"].bytes() && copy["n"].bytes() == frame["n"].bytes();
  std::cout << "copy equal " << same << "\n";
}
