// A frame from a worker that does not parse: the host keeps its place in the stream and
// answers the call the frame belonged to with a ProtocolError (releasing the objects the
// worker registered for it), cancels a stream whose item it cannot read, and treats bytes
// that name no call as a broken connection. Frames nested to the wire's limit parse.
#include "frame_connection.hpp"

#include <pybridge/config.hpp>
#include <pybridge/errors.hpp>

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace {

namespace v1 = pybridge::v1;
using pybridge::detail::FrameConnection;
using Status = FrameConnection::ReadStatus;

/// A worker that sends scripted bytes on a socket pair and keeps what it receives; the host's
/// end is `connect()`.
class ScriptedWorker {
public:
  explicit ScriptedWorker(std::string script) {
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds_) != 0)
      throw std::runtime_error("no socket pair");
    thread_ = std::thread([this, script = std::move(script)] {
      ::send(fds_[1], script.data(), script.size(), MSG_NOSIGNAL);
      char buffer[4096];
      for (ssize_t got; (got = ::recv(fds_[1], buffer, sizeof buffer, 0)) > 0;)
        received_.append(buffer, static_cast<std::size_t>(got));
    });
  }
  ~ScriptedWorker() {
    ::shutdown(fds_[1], SHUT_RDWR);
    if (thread_.joinable())
      thread_.join();
    ::close(fds_[1]);
  }
  std::unique_ptr<FrameConnection> connect() { return FrameConnection::adopt(fds_[0], 1 << 20); }
  /// What the host sent, once its connection closed.
  const std::string &received() {
    if (thread_.joinable())
      thread_.join();
    return received_;
  }

private:
  int fds_[2];
  std::string received_;
  std::thread thread_;
};

std::string framed(const std::string &payload) {
  auto size = static_cast<std::uint32_t>(payload.size());
  std::string out(4, '\0');
  std::memcpy(out.data(), &size, 4);
  return out + payload;
}

/// A reply (or stream item) to `call_id` registering object 9, its text not UTF-8.
std::string unreadable(std::uint64_t call_id, bool item = false) {
  v1::Frame frame;
  v1::Value *value;
  if (item) {
    frame.mutable_item()->set_call_id(call_id);
    frame.mutable_item()->add_new_objects(9);
    value = frame.mutable_item()->mutable_item();
  } else {
    frame.mutable_reply()->set_call_id(call_id);
    frame.mutable_reply()->add_new_objects(9);
    value = frame.mutable_reply()->mutable_result();
  }
  value->set_str_value("zz");
  std::string bytes = frame.SerializeAsString();
  bytes.replace(bytes.find("zz"), 2, "\xff\xfe");
  return framed(bytes);
}

std::string reply(std::uint64_t call_id, std::int64_t result) {
  v1::Frame frame;
  frame.mutable_reply()->set_call_id(call_id);
  frame.mutable_reply()->mutable_result()->set_int_value(result);
  return framed(frame.SerializeAsString());
}

TEST(UnreadableFrame, ItsCallGetsAProtocolFaultAndTheStreamStaysInStep) {
  ScriptedWorker worker(unreadable(5) + reply(6, 42));
  auto connection = worker.connect();
  v1::Frame frame;
  ASSERT_EQ(connection->read(frame, std::nullopt), Status::Frame);
  ASSERT_TRUE(frame.has_reply());
  EXPECT_EQ(frame.reply().call_id(), 5u);
  EXPECT_EQ(frame.reply().fault().code(), v1::BridgeFault::PROTOCOL);
  EXPECT_EQ(std::vector<std::uint64_t>(frame.reply().new_objects().begin(),
                                       frame.reply().new_objects().end()),
            std::vector<std::uint64_t>{9}); // released by the call, like any reply's
  ASSERT_EQ(connection->read(frame, std::nullopt), Status::Frame);
  EXPECT_EQ(frame.reply().call_id(), 6u);
  EXPECT_EQ(frame.reply().result().int_value(), 42);
}

TEST(UnreadableFrame, AStreamItemItCannotReadCancelsTheStream) {
  ScriptedWorker worker(unreadable(8, /*item=*/true));
  {
    auto connection = worker.connect();
    v1::Frame frame;
    ASSERT_EQ(connection->read(frame, std::nullopt), Status::Frame);
    EXPECT_EQ(frame.reply().call_id(), 8u);
    EXPECT_EQ(frame.reply().fault().code(), v1::BridgeFault::PROTOCOL);
  }
  std::string sent = worker.received();
  ASSERT_GT(sent.size(), 4u);
  v1::Frame cancel;
  ASSERT_TRUE(cancel.ParseFromString(sent.substr(4)));
  EXPECT_EQ(cancel.cancel().call_id(), 8u);
}

TEST(UnreadableFrame, BytesThatNameNoCallBreakTheConnection) {
  ScriptedWorker worker(framed("\x12\x05"
                               "cut") +
                        reply(6, 42));
  auto connection = worker.connect();
  v1::Frame frame;
  EXPECT_THROW(connection->read(frame, std::nullopt), pybridge::ProtocolError);
  EXPECT_EQ(connection->read(frame, std::nullopt), Status::Closed);
}

TEST(UnreadableFrame, FramesNestedToTheLimitParse) {
  auto nested = [](int depth) {
    v1::Frame frame;
    frame.mutable_reply()->set_call_id(3);
    v1::Value *value = frame.mutable_reply()->mutable_result();
    for (int i = 0; i < depth; ++i)
      value = value->mutable_list_value()->add_items();
    value->mutable_ndarray()->mutable_trailer()->set_size(1); // the deepest leaf
    return framed(frame.SerializeAsString());
  };
  ScriptedWorker worker(nested(v1::MAX_VALUE_DEPTH) + nested(v1::MAX_VALUE_DEPTH + 1));
  auto connection = worker.connect();
  v1::Frame frame;
  ASSERT_EQ(connection->read(frame, std::nullopt), Status::Frame);
  EXPECT_TRUE(frame.reply().has_result());
  ASSERT_EQ(connection->read(frame, std::nullopt), Status::Frame);
  EXPECT_EQ(frame.reply().fault().code(), v1::BridgeFault::PROTOCOL); // one too deep
}

} // namespace
