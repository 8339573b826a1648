// pybridge::Value::str() against CPython itself: thousands of random values (repr_cases.py)
// encoded by the agent's codec, each printed here and by Python's str().
#include "pybridge.pb.h"
#include "python_repr.hpp"

#include <pybridge/pybridge.hpp>

#include <gtest/gtest.h>

#include <cstdio>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string from_hex(std::string_view hex) {
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    bytes += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  return bytes;
}

/// What `command` prints; empty when it fails.
std::string output_of(const std::string &command) {
  std::unique_ptr<FILE, int (*)(FILE *)> pipe(::popen(command.c_str(), "r"), ::pclose);
  std::string out;
  char buffer[65536];
  for (std::size_t n; pipe && (n = std::fread(buffer, 1, sizeof buffer, pipe.get())) > 0;)
    out.append(buffer, n);
  return out;
}

std::string python(const std::string &arguments) {
  return output_of("PYTHONPATH=" PYBRIDGE_TEST_AGENT_PATH " " PYBRIDGE_TEST_PYTHON " " + arguments);
}

const char *const kTable = PYBRIDGE_TEST_SOURCE_DIR "/runtime/src/unprintable_ranges.inc";

TEST(ValueRepr, PrintsWhatPythonPrints) {
  constexpr int kValues = 4000;
  std::istringstream cases(python(PYBRIDGE_TEST_SOURCE_DIR "/test/runtime/repr_cases.py 20261203 " +
                                  std::to_string(kValues) + " " + kTable));
  int compared = 0, failed = 0;
  for (std::string line; std::getline(cases, line); ++compared) {
    std::size_t colon = line.find(':');
    ASSERT_NE(colon, std::string::npos) << line;
    pybridge::v1::Value wire;
    ASSERT_TRUE(wire.ParseFromString(from_hex(line.substr(0, colon)))) << line;
    pybridge::Value value = pybridge::Converter<pybridge::Value>::from_python(
        pybridge::detail::ValueAccess::ref(wire, nullptr));
    std::string expected = from_hex(line.substr(colon + 1));
    if (value.str() != expected && ++failed <= 20)
      ADD_FAILURE() << "Python prints " << expected << "\n   Value::str() " << value.str();
  }
  EXPECT_EQ(failed, 0) << "of " << compared;
  EXPECT_GE(compared, kValues) << "repr_cases.py did not run";
  std::printf("compared %d values with CPython's str()\n", compared);
}

// The table is_printable() reads is str.isprintable() of the Python the workers run.
TEST(ValueRepr, PrintableTableIsPythons) {
  std::string answer = python("-c \"import sys, unicodedata; print(unicodedata.unidata_version); "
                              "sys.stdout.write(''.join('1' if chr(c).isprintable() else '0' "
                              "for c in range(sys.maxunicode + 1)))\"");
  std::istringstream in(answer);
  std::string version, printable;
  in >> version >> printable;
  ASSERT_EQ(printable.size(), 0x110000u) << answer.substr(0, 200);
  if (version != pybridge::detail::unicode_version())
    GTEST_SKIP() << "this Python has Unicode " << version << ", the table "
                 << pybridge::detail::unicode_version()
                 << ": regenerate it with scripts/generate_printable_table.py";
  int wrong = 0;
  for (char32_t cp = 0; cp < 0x110000; ++cp)
    if (pybridge::detail::is_printable(cp) != (printable[cp] == '1') && ++wrong <= 10)
      ADD_FAILURE() << "U+" << std::hex << static_cast<unsigned>(cp);
  EXPECT_EQ(wrong, 0);
}

} // namespace
