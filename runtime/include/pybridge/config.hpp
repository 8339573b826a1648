// Run-time configuration: workers, interpreter, allowlist, timeouts, logging.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pybridge {
#pragma GCC visibility push(default) // exported by the runtime (runtime/CMakeLists.txt)

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
  // The pool heals itself (docs/runtime.md, "Failure and security model"). Each is unset
  // when empty, then taken from its variable; zero turns it off.
  /// Calls in flight beyond one per worker before a new call throws Overloaded
  /// (PYBRIDGE_MAX_QUEUE; default 1024).
  std::optional<std::size_t> max_queue{};
  /// A worker is replaced between calls once it ran this many calls (PYBRIDGE_RECYCLE_CALLS),
  /// lived this long (PYBRIDGE_RECYCLE_AGE_MS) or uses this much memory
  /// (PYBRIDGE_RECYCLE_RSS_BYTES, checked at each heartbeat). Default: never. A worker
  /// holding objects the program still uses is recycled once they are released.
  std::optional<std::uint64_t> recycle_calls{};
  std::optional<std::chrono::milliseconds> recycle_age{};
  std::optional<std::size_t> recycle_rss{};
  /// An idle worker is probed this often, and replaced when it does not answer within
  /// heartbeat_timeout (PYBRIDGE_HEARTBEAT_MS, default 5000; PYBRIDGE_HEARTBEAT_TIMEOUT_MS,
  /// default 10000).
  std::optional<std::chrono::milliseconds> heartbeat{};
  std::optional<std::chrono::milliseconds> heartbeat_timeout{};
  /// Live objects (pybridge::Object results, objects inside values) a local worker holds
  /// at most; a call whose result would pass it throws Overloaded (PYBRIDGE_MAX_OBJECTS;
  /// default 1,000,000). Remote workers set theirs: serve --max-objects.
  std::optional<std::size_t> max_objects{};
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

/// Runs `setup` on every worker process, for state a library keeps per process
/// (`dspy.configure(lm=...)`, `numpy.random.seed(...)`, logging set-up): now on each running
/// worker, and on every worker started later — a restart, a new pool after shutdown() —
/// before that worker's first call. Set-ups run in the order they were added.
///
///   pybridge::on_every_worker([] { dspy::configure(dspy::LM("openai/gpt-4o-mini")); });
///
/// Each run happens on the thread whose call reaches the worker first (calls from other
/// threads wait for it, so a set-up must not wait for another thread's Python calls). Every
/// call made during a run (or by a std::future it starts) goes to the worker being set up;
/// an object from another worker is copied there (pickled), the original stays. If `setup`
/// throws on a running worker, on_every_worker throws that and keeps nothing (workers that
/// ran it keep what it did); when it throws on a worker started later, the call that
/// reached that worker throws it, and the set-up runs again before the worker's next call.
/// Returns an id for remove_worker_setup().
std::uint64_t on_every_worker(std::function<void()> setup);

/// Stops running a set-up on workers started from now on (what it did stays done).
void remove_worker_setup(std::uint64_t id);

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

#pragma GCC visibility pop
} // namespace pybridge
