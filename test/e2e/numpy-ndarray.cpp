// numpy arrays as pybridge::NDArray (dtype + shape + one raw buffer): numpy.linalg on arrays
// built in C++, dtype and shape round trips, non-contiguous and Fortran-ordered arrays,
// 1-D arrays as std::vector, numpy scalars as C++ numbers, object arrays as handles.
// REQUIRES: python-numpy
// RUN: %clangxx %pybridge_cxxflags %s -o %t %pybridge_ldflags
// RUN: %t | FileCheck %s
// RUN: env PYBRIDGE_WORKERS=4 %t | FileCheck %s
#include <pybridge/pybridge.hpp>
#include <pybridge/ndarray.hpp>

#include <complex>
#include <cstdint>
#include <iostream>
#include <vector>

using pybridge::NDArray;

namespace np {
[[pybridge::bind("numpy.linalg.inv")]] NDArray inv(const NDArray &a);
[[pybridge::bind("numpy.linalg.det")]] double det(const NDArray &a);
[[pybridge::bind("numpy.linalg.solve")]] NDArray solve(const NDArray &a, const NDArray &b);
[[pybridge::bind("numpy.linalg.eigvalsh")]] std::vector<double> eigvalsh(const NDArray &a);
[[pybridge::bind("numpy.linalg.norm")]] double norm(std::vector<double> v);
[[pybridge::bind("numpy.arange")]] NDArray arange(long n);
[[pybridge::bind("numpy.linspace")]] std::vector<double> linspace(double a, double b, long n);
[[pybridge::bind("numpy.sum")]] long sum(const NDArray &a);
[[pybridge::bind("numpy.sum")]] double fsum(const NDArray &a);
[[pybridge::bind("numpy.asfortranarray")]] NDArray asfortranarray(const NDArray &a);
[[pybridge::bind("numpy.transpose")]] NDArray transpose(const NDArray &a);
[[pybridge::bind("numpy.array")]] pybridge::Object array_of_objects(std::vector<pybridge::Value> v,
                                                                    [[pybridge::name("dtype")]] std::string dtype);
} // namespace np

[[pybridge::bind("bridge_fixture.echo")]] NDArray echo(const NDArray &a);
[[pybridge::bind("bridge_fixture.describe")]] std::string describe(const NDArray &a);

void print(const char *label, const NDArray &a) {
  std::cout << label << ": " << a.dtype() << " (";
  for (std::size_t i = 0; i < a.ndim(); ++i) std::cout << (i ? ", " : "") << a.shape()[i];
  std::cout << ")";
  if (a.dtype() == "<f8")
    for (double x : a.values<double>()) std::cout << " " << x;
  if (a.dtype() == "<i8")
    for (std::int64_t x : a.values<std::int64_t>()) std::cout << " " << x;
  std::cout << "\n";
}

int main() {
  std::vector<double> m{4, 7, 2, 6};
  NDArray a = NDArray::from(std::span<const double>(m), {2, 2});
  // CHECK: inv: <f8 (2, 2) 0.6 -0.7 -0.2 0.4
  print("inv", np::inv(a));
  // CHECK-NEXT: det: 10
  std::cout << "det: " << np::det(a) << "\n";
  // CHECK-NEXT: solve: <f8 (2) 0.1 0.2
  print("solve", np::solve(a, NDArray::from(std::vector<double>{1.8, 1.4})));
  std::vector<double> sym{2, 1, 1, 2};
  auto eig = np::eigvalsh(NDArray::from(std::span<const double>(sym), {2, 2}));
  // CHECK-NEXT: eigvalsh: 1 3
  std::cout << "eigvalsh: " << eig[0] << " " << eig[1] << "\n";
  // CHECK-NEXT: norm: 5
  std::cout << "norm: " << np::norm({3, 4}) << "\n";
  // CHECK-NEXT: linspace: 0 0.25 0.5 0.75 1
  std::cout << "linspace:";
  for (double x : np::linspace(0, 1, 5)) std::cout << " " << x;
  std::cout << "\n";
  // CHECK-NEXT: arange: <i8 (6) 0 1 2 3 4 5
  print("arange", np::arange(6));
  // CHECK-NEXT: numpy scalar sum: 15
  std::cout << "numpy scalar sum: " << np::sum(np::arange(6)) << "\n";

  // What Python receives: the dtype, the shape and the values, in one buffer.
  std::vector<std::int32_t> ints{1, 2, 3, 4, 5, 6};
  NDArray i32 = NDArray::from(std::span<const std::int32_t>(ints), {2, 3});
  // CHECK-NEXT: received: ndarray array({{\[\[}}1, 2, 3],
  // CHECK-NEXT:        [4, 5, 6]], dtype=int32)
  std::cout << "received: " << describe(i32) << "\n";
  NDArray back = echo(i32);
  // CHECK-NEXT: int32 round trip: <i4 2x3 same bytes 1
  std::cout << "int32 round trip: " << back.dtype() << " " << back.shape()[0] << "x"
            << back.shape()[1] << " same bytes " << (back.bytes() == i32.bytes()) << "\n";
  for (const NDArray &array :
       {NDArray::from(std::vector<float>{1.5f, -2}), NDArray::from(std::vector<bool>{true, false, true}),
        NDArray::from(std::vector<std::uint8_t>{0, 255}),
        NDArray::from(std::vector<std::complex<double>>{{1, 2}}),
        NDArray::from(std::span<const double>(m), {2, 1, 2})}) {
    NDArray copy = echo(array);
    std::cout << "round trip " << copy.dtype() << " ndim " << copy.ndim() << " same "
              << (copy.bytes() == array.bytes() && copy.shape() == array.shape()) << "\n";
  }
  // CHECK-NEXT: round trip <f4 ndim 1 same 1
  // CHECK-NEXT: round trip |b1 ndim 1 same 1
  // CHECK-NEXT: round trip |u1 ndim 1 same 1
  // CHECK-NEXT: round trip <c16 ndim 1 same 1
  // CHECK-NEXT: round trip <f8 ndim 3 same 1

  // Fortran order and transposed views arrive in C order.
  std::vector<double> six{1, 2, 3, 4, 5, 6};
  NDArray c = NDArray::from(std::span<const double>(six), {2, 3});
  // CHECK-NEXT: fortran: <f8 (2, 3) 1 2 3 4 5 6
  print("fortran", np::asfortranarray(c));
  // CHECK-NEXT: transpose: <f8 (3, 2) 1 4 2 5 3 6
  print("transpose", np::transpose(c));

  // 1-D numeric arrays convert to vectors, element by element where the dtypes differ.
  auto as_vector = pybridge::call<std::vector<std::int64_t>>("numpy.arange", 4);
  // CHECK-NEXT: as vector: 4 items, last 3
  std::cout << "as vector: " << as_vector.size() << " items, last " << as_vector.back() << "\n";
  auto as_ints = pybridge::call<std::vector<int>>("numpy.arange", 4);
  auto as_doubles = pybridge::call<std::vector<double>>("numpy.arange", 4);
  // CHECK-NEXT: int64 as int: last 3, as double: last 3
  std::cout << "int64 as int: last " << as_ints.back() << ", as double: last "
            << as_doubles.back() << "\n";
  try {
    pybridge::call<std::vector<int>>("numpy.array", std::vector<long>{1, 1L << 40});
  } catch (const pybridge::ConversionError &error) {
    // CHECK-NEXT: too wide: element 1 of a numpy array of <i8 is not exactly a <i4
    std::cout << "too wide: " << error.what() << "\n";
  }
  try {
    pybridge::call<std::vector<long>>("numpy.linspace", 0, 1, 3);
  } catch (const pybridge::ConversionError &error) {
    // CHECK-NEXT: floats: element 0 of a numpy array of <f8 is not exactly a <i8
    std::cout << "floats: " << error.what() << "\n";
  }
  try {
    back.values<double>();
  } catch (const pybridge::ConversionError &error) {
    // CHECK-NEXT: values<double> of int32: the array's dtype is <i4, not <f8
    std::cout << "values<double> of int32: " << error.what() << "\n";
  }

  // An array of Python objects has no raw buffer: it stays on the worker.
  pybridge::Object objects = np::array_of_objects({}, "object");
  // CHECK-NEXT: object array: numpy.ndarray []
  std::cout << "object array: " << objects.type_name() << " " << objects << "\n";

  // A larger array travels as one buffer.
  std::vector<double> big(1 << 20, 0.5);
  NDArray large = echo(NDArray::from(big));
  // CHECK-NEXT: large: 1048576 items, sum 524288
  std::cout << "large: " << large.size() << " items, sum " << np::fsum(large) << "\n";
}
