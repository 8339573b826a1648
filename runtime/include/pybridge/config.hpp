// Run-time configuration: workers, interpreter, allowlist, timeouts, logging.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pybridge {

/// What to do when a library differs from the one a program was compiled against.
enum class DriftPolicy { Error, Warn, Ignore };

/// Settings for the worker pool. A field left unset falls back to its environment variable,
/// then to a built-in default; a field set in code wins over the environment. The optional
/// fields are unset when empty, so any value (zero included: no timeout, no retries, no
/// cache) can be forced; for the others the unset value is the one no setting could mean
/// (0 workers, an empty string or list, a zero message limit).
/// (Every field has a default member initializer, so `configure({.workers = 4})` compiles
/// cleanly under -Wextra.)
struct Options {
  /// Worker processes (PYBRIDGE_WORKERS; default: the number of cores). 0: unset.
  int workers = 0;
  /// Remote workers instead of local processes (PYBRIDGE_ADDRESS): a gRPC target such as
  /// "dns:///workers.internal:7000" or "ipv4:10.0.0.5:7000,10.0.0.6:7000", resolved by
  /// gRPC and balanced round-robin; `workers` streams are opened to it. Each address serves
  /// `python3 -m pybridge_agent serve --listen HOST:PORT`. Empty: unset (local processes
  /// unless the variable is set).
  std::string address{};
  /// The Python interpreter, a path or a name looked up in PATH (PYBRIDGE_PYTHON; default:
  /// the one PyBridge was built with). Empty: unset.
  std::string python{};
  /// Modules workers may import (PYBRIDGE_ALLOW, comma-separated). Empty: unset (all
  /// modules unless the variable is set).
  std::vector<std::string> allow{};
  /// Default per-call timeout (PYBRIDGE_TIMEOUT_MS; default: none); zero waits forever.
  std::optional<std::chrono::milliseconds> timeout{};
  /// Library drift found at first use of a module (PYBRIDGE_DRIFT=error|warn|ignore;
  /// default: error).
  std::optional<DriftPolicy> drift{};
  /// Largest message either way (PYBRIDGE_MAX_MESSAGE_BYTES; default 256 MiB). 0: unset.
  std::size_t max_message_bytes = 0;
  /// How long a timed-out or cancelled call may take to stop before its worker is declared
  /// hung, killed and restarted (PYBRIDGE_CANCEL_GRACE_MS; default 2000 ms).
  std::optional<std::chrono::milliseconds> cancel_grace{};
  /// Further attempts for a call marked idempotent when its worker dies (PYBRIDGE_RETRIES;
  /// default 2); 0 turns retries off.
  std::optional<int> retries{};
  /// Memory for the execution cache of functions marked cacheable (PYBRIDGE_CACHE_BYTES;
  /// default 64 MiB); 0 caches nothing.
  std::optional<std::size_t> cache_bytes{};
  /// Receives worker output (stderr and stdout) and runtime warnings, one line at a time;
  /// default: standard error, prefixed "pybridge: ".
  std::function<void(std::string_view line)> log{};

  // Credentials for remote workers (`address`); docs/runtime.md, "Failure and security
  // model". Each is unset when empty, then taken from its variable.
  /// PEM file of the CA that signed the workers' certificates (PYBRIDGE_TLS_CA): the channel
  /// uses TLS and checks the workers' certificates against it.
  std::string tls_ca{};
  /// PEM files of this host's certificate and private key, for workers that require client
  /// certificates (PYBRIDGE_TLS_CERT, PYBRIDGE_TLS_KEY).
  std::string tls_cert{};
  std::string tls_key{};
  /// The secret every RPC to a remote worker carries (PYBRIDGE_TOKEN; the worker is started
  /// with the same variable). Never logged, never part of an error message.
  std::string token{};
};

/// Sets the options; call before the first Python call (later calls throw SetupError).
void configure(Options options);

/// Stops the workers now; calls in flight throw WorkerLost. Called at exit; a later call
/// starts them again.
void shutdown();

/// How one dynamic call may be run (stubs get the same from the plugin's attributes):
///   pybridge::call<long>({.cache = 60s, .idempotent = true}, "math.factorial", 20)
struct CallOptions {
  /// Keep results this long in the execution cache (zero: not cached). Errors and results
  /// holding objects are never cached.
  std::chrono::milliseconds cache{0};
  /// The call may run again on another worker when its worker dies.
  bool idempotent = false;
};

/// Sets the timeout of the calls this thread makes while it lives (zero: none).
class ScopedTimeout {
public:
  explicit ScopedTimeout(std::chrono::milliseconds timeout);
  ~ScopedTimeout();
  ScopedTimeout(const ScopedTimeout &) = delete;
  ScopedTimeout &operator=(const ScopedTimeout &) = delete;

private:
  std::chrono::milliseconds previous_;
};

} // namespace pybridge
