// The baselines PyBridge is compared against, measured in the same run.
#pragma once

#include <memory>
#include <string>

namespace bench {

/// (a) A 4-byte length-prefixed message echoed by a plain Python loop
/// (servers/raw_echo.py).
class RawEchoClient {
public:
  RawEchoClient(const std::string &socket_path, std::size_t payload_bytes);
  ~RawEchoClient();
  RawEchoClient(const RawEchoClient &) = delete;
  RawEchoClient &operator=(const RawEchoClient &) = delete;
  void round_trip();

private:
  int fd_;
  std::string out_, in_;
};

/// (b) A grpcio unary call echoing the same payload (servers/grpc_echo.py,
/// echo.proto).
class GrpcEchoClient {
public:
  GrpcEchoClient(const std::string &socket_path, std::size_t payload_bytes);
  ~GrpcEchoClient();
  void round_trip();

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace bench
