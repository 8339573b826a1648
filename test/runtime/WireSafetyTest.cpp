// Values a worker could not read never leave the host, deep values go both ways, and a
// worker's answer the host cannot read fails its call at once: text that is not UTF-8 is a
// ConversionError naming the argument (it used to hang the call), values nest 1000
// containers deep locally and remotely, and a remote worker sending malformed frames wakes
// the waiting call. Calls that used to hang run under a timeout, so they fail instead.
#include "AgentServers.hpp"

#include "pybridge.pb.h"

#include <pybridge/config.hpp>
#include <pybridge/detail/call.hpp>

namespace {

using namespace pybridge_test;

constexpr int kDepth = 1000; // proto: MAX_VALUE_DEPTH

/// `depth` lists around the int 1, built by a user's converter.
struct Nested {
  int depth;
};

} // namespace

template <> struct pybridge::Converter<Nested> {
  static void to_python(ValueBuilder out, const Nested &nested) {
    if (nested.depth == 0)
      return out.set_int(1);
    out.set_list(1);
    to_python(out.append(), Nested{nested.depth - 1});
  }
};

namespace {

/// How many lists `value` is nested in (through the first item of each).
int depth_of(const pybridge::Value &value) {
  int depth = 0;
  for (pybridge::ValueRef ref = value.ref(); ref.kind() == pybridge::Kind::List; ref = ref.item(0))
    ++depth;
  return depth;
}

std::string conversion_error(const std::function<void()> &call) {
  try {
    call();
  } catch (const pybridge::ConversionError &error) {
    return error.what();
  }
  return "no ConversionError";
}

class WireSafetyTest : public RuntimeTest {};

TEST_F(WireSafetyTest, TextThatIsNotUtf8IsRefusedBeforeSending) {
  start({.workers = 1});
  pybridge::ScopedTimeout timeout(15s); // these calls used to hang
  int pid = worker_pid(0);
  std::string bad = std::string("ab") + '\xff';

  std::string message = conversion_error([&] { pybridge::call<long>("builtins.len", bad); });
  EXPECT_NE(message.find("argument 1 of 'builtins.len'"), std::string::npos) << message;
  EXPECT_NE(message.find("a std::string that is not UTF-8 text (byte 0xFF at offset 2)"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("pybridge::Bytes"), std::string::npos) << message;

  message = conversion_error([&] {
    pybridge::call<long>("builtins.max", 1L, std::vector<std::string>{"ok", bad});
  });
  EXPECT_NE(message.find("argument 2 of 'builtins.max'"), std::string::npos) << message;

  message = conversion_error([&] { pybridge::call<long>("builtins.dict", pybridge::kw(bad, 1)); });
  EXPECT_NE(message.find("a keyword that is not UTF-8"), std::string::npos) << message;

  message =
      conversion_error([&] { pybridge::call<long>("builtins.dict", pybridge::kw("name", bad)); });
  EXPECT_NE(message.find("argument 1 ('name') of 'builtins.dict'"), std::string::npos) << message;

  message = conversion_error([&] { pybridge::call<long>("builtins." + bad); });
  EXPECT_NE(message.find("a Python name that is not UTF-8"), std::string::npos) << message;

  pybridge::Object counter = pybridge::call("pybridge_faults.Counter", 1);
  message = conversion_error([&] { counter.call<long>(bad); });
  EXPECT_NE(message.find("an attribute name that is not UTF-8"), std::string::npos) << message;
  message = conversion_error([&] { pybridge::attr<long>("math." + bad); });
  EXPECT_NE(message.find("not UTF-8"), std::string::npos) << message;

  EXPECT_EQ(pybridge::call<long>("builtins.len", std::string("abc")), 3);
  EXPECT_EQ(worker_pid(0), pid); // nothing restarted
}

TEST_F(WireSafetyTest, TheHostAndPythonAgreeOnWhatIsText) {
  start({.workers = 1});
  pybridge::ScopedTimeout timeout(15s);
  const std::vector<std::string> samples = {
      "",
      "plain",
      "\xc3\xa9",
      "\xf0\x9f\x98\x80",
      "\xef\xbf\xbf",
      "\xf4\x8f\xbf\xbf",
      std::string("a\0b", 3),
      "\xed\xa0\x80", // a lone surrogate
      "\xc0\x80",
      "\xe0\x80\x80",
      "\xf4\x90\x80\x80",
      "\xc3",
      "\xff",
      "\x80",
  };
  for (const std::string &sample : samples) {
    pybridge::Bytes bytes(reinterpret_cast<const std::byte *>(sample.data()),
                          reinterpret_cast<const std::byte *>(sample.data() + sample.size()));
    bool python_reads_it = pybridge::call<bool>("pybridge_hardening.decodes", bytes);
    bool host_sends_it = true;
    try {
      EXPECT_EQ(pybridge::call<std::string>("pybridge_faults.echo", sample), sample);
    } catch (const pybridge::ConversionError &) {
      host_sends_it = false;
    }
    EXPECT_EQ(host_sends_it, python_reads_it) << ::testing::PrintToString(sample);
  }
}

TEST_F(WireSafetyTest, ValuesNestToTheLimitBothWays) {
  start({.workers = 1});
  pybridge::ScopedTimeout timeout(30s); // past ~48 levels these used to hang or restart
  int pid = worker_pid(0);
  EXPECT_EQ(pybridge::call<long>("pybridge_hardening.depth", Nested{kDepth}), kDepth);
  auto deep = pybridge::call<pybridge::Value>("pybridge_hardening.nested", kDepth);
  EXPECT_EQ(depth_of(deep), kDepth);
  EXPECT_EQ(pybridge::call<long>("pybridge_hardening.depth", deep), kDepth); // and back

  std::string message = conversion_error(
      [&] { pybridge::call<long>("pybridge_hardening.depth", Nested{kDepth + 1}); });
  EXPECT_NE(message.find("deeper than 1000"), std::string::npos) << message;
  message = conversion_error(
      [&] { pybridge::call<pybridge::Value>("pybridge_hardening.nested", kDepth + 1); });
  EXPECT_NE(message.find("deeper than 1000"), std::string::npos) << message;
  EXPECT_EQ(worker_pid(0), pid);
}

TEST_F(WireSafetyTest, MalformedBigIntTextIsRefused) {
  pybridge::v1::Value wire;
  pybridge::ValueBuilder out = pybridge::detail::ValueAccess::builder(wire, nullptr);
  EXPECT_THROW(out.set_big_int("12a"), pybridge::ConversionError);
  EXPECT_THROW(out.set_big_int("-"), pybridge::ConversionError);
  EXPECT_NO_THROW(out.set_big_int("-123456789012345678901234567890"));
}

/// One agent on loopback TCP, reached as a remote worker.
class RemoteWireTest : public RuntimeTest {
protected:
  void serve(const std::vector<std::string> &args) {
    port_ = free_port();
    std::vector<std::string> all = args;
    for (auto &arg : all)
      if (auto at = arg.find("PORT"); at != std::string::npos)
        arg.replace(at, 4, std::to_string(port_));
    pid_ = spawn_python(all);
    ASSERT_TRUE(eventually([&] { return accepts(port_); }, 20000ms)) << "no server started";
  }
  void TearDown() override {
    RuntimeTest::TearDown();
    if (pid_ > 0)
      kill_and_reap(pid_);
  }
  std::string address() const { return "ipv4:127.0.0.1:" + std::to_string(port_); }

  int port_ = 0;
  pid_t pid_ = 0;
};

TEST_F(RemoteWireTest, ValuesNestToTheLimitBothWays) {
  serve({"-m", "pybridge_agent", "serve", "--listen", "127.0.0.1:PORT"});
  start({.workers = 1, .address = address()});
  pybridge::ScopedTimeout timeout(30s);
  EXPECT_EQ(pybridge::call<long>("pybridge_hardening.depth", Nested{kDepth}), kDepth);
  auto deep = pybridge::call<pybridge::Value>("pybridge_hardening.nested", kDepth);
  EXPECT_EQ(depth_of(deep), kDepth);
  std::string message = conversion_error(
      [&] { pybridge::call<pybridge::Value>("pybridge_hardening.nested", kDepth + 1); });
  EXPECT_NE(message.find("deeper than 1000"), std::string::npos) << message;
  EXPECT_EQ(pybridge::call<long>("pybridge_faults.add", 1, 2), 3);
}

TEST_F(RemoteWireTest, AnAnswerTheHostCannotReadFailsItsCallAtOnce) {
  serve({"-m", "pybridge_hardening", "bad-worker", "PORT"});
  pybridge::configure({.workers = 1, .address = address(), .log = log.sink()});
  pybridge::ScopedTimeout timeout(15s); // a call never woken would end in TimeoutError
  auto begin = std::chrono::steady_clock::now();
  try {
    pybridge::call<std::string>("anything");
    ADD_FAILURE() << "no ProtocolError";
  } catch (const pybridge::ProtocolError &error) {
    EXPECT_NE(std::string(error.what()).find("could not be read"), std::string::npos);
  }
  // Bytes that name no call end the stream: the call fails as its worker's loss.
  EXPECT_THROW(pybridge::call<std::string>("garbage"), pybridge::WorkerLost);
  EXPECT_LT(ms_since(begin), 5000);
}

} // namespace
