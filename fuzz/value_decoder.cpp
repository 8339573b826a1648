// libFuzzer target: the host's value decoder. Any Value a worker could send (parsed as the
// runtime parses frames: MAX_MESSAGE_DEPTH deep) converted to the C++ types of the type
// mapping, and to pybridge::Value and its str(). A pybridge::Error is an answer; any other
// exception, a crash or a sanitizer report is a bug.
#include "pybridge.pb.h"

#include <pybridge/ndarray.hpp>
#include <pybridge/pybridge.hpp>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/stubs/logging.h>

#include <chrono>
#include <complex>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <variant>
#include <vector>

namespace {
namespace v1 = pybridge::v1;

template <class T> void convert(const v1::Value &wire) {
  try {
    T value =
        pybridge::Converter<T>::from_python(pybridge::detail::ValueAccess::ref(wire, nullptr));
    if constexpr (std::is_same_v<T, pybridge::Value>)
      (void)value.str();
  } catch (const pybridge::Error &) {
  }
}

template <class... T> void convert_all(const v1::Value &wire) { (convert<T>(wire), ...); }
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  google::protobuf::SetLogHandler(nullptr); // a line per bad string would drown the output
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  v1::Value wire;
  google::protobuf::io::CodedInputStream input(data, static_cast<int>(size));
  input.SetRecursionLimit(v1::MAX_MESSAGE_DEPTH);
  if (!wire.ParseFromCodedStream(&input))
    return 0;
  using namespace std::chrono;
  convert_all<bool, long, unsigned long, std::int8_t, std::uint16_t, double, float, std::string,
              pybridge::Bytes, std::complex<double>, std::optional<long>, pybridge::NDArray,
              std::vector<double>, std::vector<std::int32_t>, std::vector<std::string>,
              std::vector<std::vector<long>>, std::map<std::string, double>,
              std::unordered_map<long, std::string>, std::set<long>,
              std::tuple<long, std::string, double>, std::pair<long, long>,
              std::variant<long, std::string, std::vector<double>>, system_clock::time_point,
              time_point<system_clock, nanoseconds>, microseconds, seconds, pybridge::Value,
              pybridge::Object>(wire);
  return 0;
}
