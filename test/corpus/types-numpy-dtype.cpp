// numpy's dtype objects bound as a class (itemsize, name, kind are properties), passed where
// numpy takes a dtype-like (numpy.zeros, ndarray.astype), numpy.iinfo's instance attributes,
// and numpy scalars received as C++ numbers (a numpy.int64 travels as an int).
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t > %t.out
// RUN: %pybridge_python %S/types-numpy-dtype.py > %t.expected
// RUN: diff %t.expected %t.out
// REQUIRES: python-numpy
#include <pybridge/ndarray.hpp>
#include <pybridge/pybridge.hpp>

#include <cstdio>
#include <string>
#include <vector>

namespace np {
struct [[pybridge::bind("numpy.dtype")]] DType : pybridge::Object {
  using pybridge::Object::Object;
  explicit DType(const std::string &dtype);
  long itemsize();
  std::string name();
  std::string kind();
  std::string str();
};

struct [[pybridge::bind("numpy.iinfo")]] IInfo : pybridge::Object {
  using pybridge::Object::Object;
  explicit IInfo(const DType &type);
  long bits();
  long min();
  long max();
};

[[pybridge::bind("numpy.zeros")]] pybridge::NDArray zeros(const std::vector<long> &shape,
                                                         const DType &dtype);
[[pybridge::bind("numpy.arange")]] pybridge::NDArray arange(long stop);
[[pybridge::bind("numpy.int64")]] long int64(long value);
[[pybridge::bind("numpy.float32")]] double float32(double value);
} // namespace np

int main() {
  for (const char *name : {"float64", "int8", "uint16", "complex128", "bool"}) {
    np::DType dt(name);
    std::printf("%-10s itemsize %ld kind %s str %s\n", dt.name().c_str(), dt.itemsize(),
                dt.kind().c_str(), dt.str().c_str());
  }
  np::DType i16("int16");
  np::IInfo info(i16);
  std::printf("int16: %ld bits, %ld .. %ld\n", info.bits(), info.min(), info.max());
  pybridge::NDArray grid = np::zeros({2, 3}, np::DType("float32"));
  std::printf("zeros dtype %s shape", grid.dtype().c_str());
  for (auto n : grid.shape())
    std::printf(" %ld", static_cast<long>(n));
  std::printf(" bytes %zu\n", grid.bytes().size());
  std::printf("arange(5) dtype %s\n", np::arange(5).dtype().c_str());
  std::printf("int64(7) = %ld, float32(0.1) = %.9f\n", np::int64(7), np::float32(0.1));
}
