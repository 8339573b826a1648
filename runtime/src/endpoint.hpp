// How a worker is reached and ended: a local process with its fast lane, or a
// gRPC Session stream to a remote worker.
#pragma once

#include "connection.hpp"
#include "process.hpp"

#include <pybridge/config.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace grpc {
class Channel;
}

namespace pybridge::detail {

/// What reaches a worker: a local process the runtime spawns, or a remote worker's stream.
enum class EndpointKind { Local, Remote };
/// The one rule from configuration to kind: a configured address names remote workers.
inline EndpointKind endpoint_kind(std::string_view address) noexcept {
  return address.empty() ? EndpointKind::Local : EndpointKind::Remote;
}

struct WorkerSettings {
  std::string python;
  std::vector<std::string> allow;
  std::string socket_dir; // private (0700) directory for the sockets
  std::size_t max_message_bytes = 0;
  std::size_t max_objects = 0; // live objects per local worker (0: no limit)
  std::chrono::milliseconds start_timeout{60000};
  LogSink log;
  /// Remote workers (no local processes): the address, and a channel per address of a
  /// static list — slot i streams on channels[i % size], so slots spread evenly over the
  /// addresses whichever connects first (round_robin picks only among connected ones).
  std::string address;
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  /// Called (on an internal thread) when a worker ends: the process exited or
  /// the stream closed.
  std::function<void(int index, unsigned generation)> on_exit;

  EndpointKind kind() const noexcept { return endpoint_kind(address); }
};

class Endpoint {
public:
  virtual ~Endpoint() = default;
  /// Waits until the worker serves; throws SetupError when it does not in time.
  virtual void wait_ready(std::chrono::milliseconds timeout) = 0;
  /// A new connection for calls; throws WorkerLost when the worker is gone.
  virtual std::unique_ptr<Connection> connect() = 0;
  /// The worker's process id (remote: as the worker reported it).
  virtual pid_t pid() const noexcept = 0;
  /// Makes the call running on the worker look at its Cancel now.
  virtual void interrupt() noexcept = 0;
  /// Ends the worker (local: kills its process group; remote: closes the
  /// stream).
  virtual void kill() noexcept = 0;
  /// Why the worker is gone, after a connection broke: "(pid 12) was killed by
  /// ...".
  virtual std::string death() = 0;
};

/// The endpoint of slot `index`, of the settings' kind (does not wait for it).
std::unique_ptr<Endpoint> make_endpoint(int index, unsigned generation,
                                        const WorkerSettings &settings);
/// Spawns the agent's `serve` for slot `index` (launch.hpp; does not wait for
/// it).
std::unique_ptr<Endpoint> make_local_endpoint(int index, unsigned generation,
                                              const WorkerSettings &settings);
/// The channels to remote workers at `options.address`: one per address of an "ipv4:"/"ipv6:"
/// list, else one round-robin channel for the target; the message limit, and the credentials
/// of `options` (else their variables): TLS, a client certificate, the token. Throws
/// SetupError when they cannot be used.
std::vector<std::shared_ptr<grpc::Channel>> make_remote_channels(const Options &options);
/// Opens a Session stream on the slot's channel (in wait_ready; session_stream.hpp).
std::unique_ptr<Endpoint> make_remote_endpoint(int index, unsigned generation,
                                               const WorkerSettings &settings);

} // namespace pybridge::detail
