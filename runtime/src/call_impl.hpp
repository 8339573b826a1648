// The state of one outgoing call (detail::Call), shared by call.cpp (building
// it) and call_runner.cpp (running it).
#pragma once

#include "exchange.hpp"
#include "telemetry_internal.hpp"

#include <pybridge/detail/call.hpp>
#include <pybridge/detail/stream_state.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace pybridge::detail {

/// How a call may be run, from its site's flags.
struct CallPolicy {
  std::chrono::milliseconds cache_ttl{0}; // zero: not cached; max(): no expiry
  bool idempotent = false;                // may be retried when its worker dies

  /// The policies a call site's flags set.
  static CallPolicy of(const SitePolicy &site);
};

/// Ends the call's telemetry: Stop, or Exception with `error` (once).
void end_record(Call::Impl &call, const std::exception *error) noexcept;

struct Call::Impl {
  /// The request, built in the Frame that carries it (sent, and resent on a retry, as is).
  v1::Frame frame;
  v1::CallRequest &request() { return *frame.mutable_call(); }
  CallContext context;
  std::shared_ptr<Handle> self; // keeps the object alive while the call runs
  std::unique_ptr<Exchange> exchange;
  std::shared_ptr<const v1::Value> cached; // the result of a cache hit
  bool skipped_positional = false;
  std::string library_module, library_hash;
  CallPolicy policy;
  /// The call's telemetry: open from run until its result is converted (a
  /// conversion error is the call's error).
  std::optional<CallRecord> record;

  ~Impl() { end_record(*this, nullptr); }
};

/// Runs a plain call (drift check, execution cache, retries, telemetry);
/// returns its result, owned by `call` (its exchange or cache entry). Throws
/// what the call raised. Its telemetry record stays open for the conversion.
const v1::Value &run_plain(Call::Impl &call);

/// Starts a streaming call; the state reads the items as the loop asks for
/// them.
std::unique_ptr<StreamState> run_stream(std::unique_ptr<Call::Impl> call);

} // namespace pybridge::detail
