// The fast lane's framing: large array data moved to the trailer and back, span
// checks, and a FrameConnection round trip through a Unix socket that echoes
// the bytes it receives.
#include "frame_connection.hpp"
#include "trailer.hpp"

#include <pybridge/config.hpp>
#include <pybridge/errors.hpp>
#include <pybridge/ndarray.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

namespace v1 = pybridge::v1;
using pybridge::detail::FrameConnection;
using pybridge::detail::kTrailerMinBytes;

v1::NDArray *add_array(v1::Value &value, std::size_t bytes, char fill) {
  v1::NDArray *array = value.mutable_ndarray();
  array->set_dtype("|u1");
  array->add_shape(static_cast<std::int64_t>(bytes));
  array->set_data(std::string(bytes, fill));
  return array;
}

/// A call with a large array, a small one, a large one in a list and one in a
/// dict.
v1::Frame call_with_arrays(std::size_t large) {
  v1::Frame frame;
  v1::CallRequest *call = frame.mutable_call();
  call->set_call_id(7);
  call->set_target("numpy.concatenate");
  add_array(*call->add_args()->mutable_value(), large, 'a');
  add_array(*call->add_args()->mutable_value(), 100, 'b');
  v1::Value *list = call->add_args()->mutable_value();
  add_array(*list->mutable_list_value()->add_items(), large + 1, 'c');
  v1::Value *dict = call->add_args()->mutable_value();
  dict->mutable_dict_value()->add_keys()->set_str_value("k");
  add_array(*dict->mutable_dict_value()->add_values(), kTrailerMinBytes, 'd');
  return frame;
}

TEST(Trailer, LargeArraysMoveOutAndBack) {
  v1::Frame frame = call_with_arrays(kTrailerMinBytes * 2);
  const std::string before = frame.SerializeAsString();
  std::vector<std::string> parts;
  std::size_t size = pybridge::detail::detach_trailer(frame, parts);

  ASSERT_EQ(parts.size(), 3u); // the small array stays inside the frame
  EXPECT_EQ(size, kTrailerMinBytes * 5 + 1);
  const auto &args = frame.call().args();
  EXPECT_TRUE(args[0].value().ndarray().data().empty());
  EXPECT_EQ(args[0].value().ndarray().trailer().offset(), 0u);
  EXPECT_EQ(args[1].value().ndarray().data(), std::string(100, 'b'));
  EXPECT_FALSE(args[1].value().ndarray().has_trailer());
  EXPECT_EQ(args[2].value().list_value().items(0).ndarray().trailer().offset(),
            kTrailerMinBytes * 2);
  EXPECT_EQ(parts[2], std::string(kTrailerMinBytes, 'd'));

  pybridge::detail::reattach_trailer(frame, parts);
  EXPECT_TRUE(parts.empty());
  EXPECT_EQ(frame.SerializeAsString(), before);
}

TEST(Trailer, SpansMustTileTheTrailer) {
  v1::Frame frame;
  v1::Value *result = frame.mutable_reply()->mutable_result();
  v1::NDArray *first = result->mutable_list_value()->add_items()->mutable_ndarray();
  v1::NDArray *second = result->mutable_list_value()->add_items()->mutable_ndarray();
  first->mutable_trailer()->set_offset(0);
  first->mutable_trailer()->set_size(10);
  second->mutable_trailer()->set_offset(10);
  second->mutable_trailer()->set_size(5);

  auto arrays = pybridge::detail::trailer_arrays(frame, 15);
  ASSERT_EQ(arrays.size(), 2u);
  EXPECT_EQ(arrays[0], first);

  EXPECT_THROW(pybridge::detail::trailer_arrays(frame, 16), pybridge::ProtocolError);
  second->mutable_trailer()->set_offset(11); // a gap
  EXPECT_THROW(pybridge::detail::trailer_arrays(frame, 16), pybridge::ProtocolError);
  second->mutable_trailer()->set_offset(10);
  second->mutable_trailer()->set_size(~0ull); // past the end
  EXPECT_THROW(pybridge::detail::trailer_arrays(frame, 15), pybridge::ProtocolError);
  second->mutable_trailer()->set_size(5);
  second->set_data("x"); // data in both places
  EXPECT_THROW(pybridge::detail::trailer_arrays(frame, 15), pybridge::ProtocolError);
}

/// A Unix socket whose one connection gets every frame it sends back, once the
/// whole frame (trailer included) has arrived: echoing while the sender still
/// writes could deadlock.
class EchoServer {
public:
  EchoServer() {
    char pattern[] = "/tmp/pybridge-fastlane-XXXXXX";
    directory_ = ::mkdtemp(pattern);
    path_ = directory_ + "/echo.sock";
    listener_ = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    path_.copy(address.sun_path, sizeof address.sun_path - 1);
    if (::bind(listener_, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
        ::listen(listener_, 1) != 0)
      throw std::runtime_error("cannot listen on " + path_);
    thread_ = std::thread([this] { serve(::accept(listener_, nullptr, nullptr)); });
  }
  ~EchoServer() {
    ::shutdown(listener_, SHUT_RDWR);
    thread_.join();
    ::close(listener_);
    std::filesystem::remove_all(directory_);
  }
  const std::string &path() const { return path_; }

private:
  static void serve(int fd) {
    std::string pending;
    std::vector<char> buffer(1 << 16);
    for (ssize_t got; (got = ::recv(fd, buffer.data(), buffer.size(), 0)) > 0;) {
      pending.append(buffer.data(), static_cast<std::size_t>(got));
      for (std::size_t size; (size = complete_frame(pending)) > 0; pending.erase(0, size))
        for (std::size_t sent = 0; sent < size;) {
          ssize_t n = ::send(fd, pending.data() + sent, size - sent, MSG_NOSIGNAL);
          if (n <= 0)
            break;
          sent += static_cast<std::size_t>(n);
        }
    }
    ::close(fd);
  }

  /// The bytes of the first frame in `data` when all have arrived, else 0.
  static std::size_t complete_frame(const std::string &data) {
    if (data.size() < 4)
      return 0;
    std::uint32_t word;
    std::memcpy(&word, data.data(), 4);
    std::uint64_t size = 4 + (word & 0x7fffffffu), trailer = 0;
    if (word & 0x80000000u) {
      if (data.size() < 12)
        return 0;
      std::memcpy(&trailer, data.data() + 4, 8);
      size += 8;
    }
    return data.size() >= size + trailer ? size + trailer : 0;
  }

  std::string directory_, path_;
  int listener_;
  std::thread thread_;
};

TEST(FrameConnection, ArraysTravelInTheTrailerAndComeBackWhole) {
  EchoServer server;
  std::size_t large = 3u << 20; // read straight into its string, past the read buffer
  v1::Frame sent = call_with_arrays(large);
  const std::string before = sent.SerializeAsString();
  {
    auto connection = FrameConnection::connect(server.path(), 64u << 20);
    std::size_t bytes = connection->send(sent, std::nullopt);
    EXPECT_EQ(sent.SerializeAsString(), before); // the data was put back
    EXPECT_GT(bytes, large * 2);

    v1::Frame received;
    ASSERT_EQ(connection->read(received, std::nullopt), FrameConnection::ReadStatus::Frame);
    EXPECT_EQ(connection->last_frame_bytes(), bytes);
    EXPECT_EQ(received.SerializeAsString(),
              before); // no spans left, every byte in place

    v1::Frame small; // a frame without a trailer after one with
    small.mutable_cancel()->set_call_id(3);
    connection->send(small, std::nullopt);
    ASSERT_EQ(connection->read(received, std::nullopt), FrameConnection::ReadStatus::Frame);
    EXPECT_EQ(received.cancel().call_id(), 3u);
  }
}

TEST(FrameConnection, TheLimitCountsTheTrailer) {
  EchoServer server;
  auto connection = FrameConnection::connect(server.path(), kTrailerMinBytes * 2);
  v1::Frame frame = call_with_arrays(kTrailerMinBytes * 2);
  const std::string before = frame.SerializeAsString();
  EXPECT_THROW(connection->send(frame, std::nullopt), pybridge::ProtocolError);
  EXPECT_EQ(frame.SerializeAsString(), before);
}

} // namespace
