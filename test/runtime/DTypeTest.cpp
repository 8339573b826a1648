// The dtype table (pybridge/detail/dtypes.hpp) against numpy: each row's dtype string is the one
// numpy gives that type on this machine, and C++ types map to the rows by size and sign.
#include <pybridge/ndarray.hpp>

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <string>

namespace {

static_assert(pybridge::dtype_of<char>() == (std::is_signed_v<char> ? "|i1" : "|u1"));
static_assert(pybridge::dtype_of<long long>() == "<i8");
static_assert(pybridge::dtype_of<unsigned long>() == "<u8");
static_assert(pybridge::dtype_of<short>() == "<i2");
static_assert(pybridge::dtype_of<bool>() == "|b1");
static_assert(!pybridge::detail::numeric_element<std::string>);

TEST(DTypes, EveryRowIsNumpys) {
  std::string script = "import numpy\n", expected;
#define PYBRIDGE_CHECK_ROW(type, dtype, numpy_name)                                                \
  script += "print(numpy.dtype('" numpy_name "').str)\n";                                          \
  expected += std::string(dtype) + "\n";
  PYBRIDGE_NUMERIC_DTYPES(PYBRIDGE_CHECK_ROW)
#undef PYBRIDGE_CHECK_ROW
  std::string command = PYBRIDGE_TEST_PYTHON " -c \"" + script + "\" 2>&1";
  std::unique_ptr<FILE, int (*)(FILE *)> pipe(::popen(command.c_str(), "r"), ::pclose);
  std::string answer;
  char buffer[4096];
  for (std::size_t n; pipe && (n = std::fread(buffer, 1, sizeof buffer, pipe.get())) > 0;)
    answer.append(buffer, n);
  if (answer.find("No module named 'numpy'") != std::string::npos)
    GTEST_SKIP() << "numpy is not installed";
  EXPECT_EQ(answer, expected);
}

} // namespace
