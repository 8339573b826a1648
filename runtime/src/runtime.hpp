// The process-wide runtime: resolved options and the worker pool, started on
// first use.
#pragma once

#include "cache.hpp"
#include "drift.hpp"
#include "healing.hpp"
#include "pool.hpp"

#include <pybridge/config.hpp>
#include <pybridge/telemetry.hpp>

#include <memory>
#include <mutex>
#include <string>

namespace pybridge::detail {

/// Options with every field resolved (from code, the environment or defaults).
struct Settings {
  Options options; // the optional fields are all set
  std::chrono::milliseconds timeout{0};
  DriftPolicy drift = DriftPolicy::Error;
  std::chrono::milliseconds cancel_grace{0};
  int retries = 0;
  std::size_t cache_bytes = 0;
  HealingPolicy healing;
};

/// Each call holds the runtime it runs on (a shared_ptr), so stopping it while
/// calls are in flight frees nothing they use: they fail with WorkerLost and
/// the last one to end frees it.
class Runtime : public std::enable_shared_from_this<Runtime> {
public:
  /// The running runtime; starts the pool on first use. Throws SetupError when
  /// it cannot (or while the program runs its exit handler).
  static std::shared_ptr<Runtime> get();
  /// The running runtime, or null: does not start one.
  static std::shared_ptr<Runtime> running();
  /// Stops the pool (at exit, or pybridge::shutdown()): its workers are killed,
  /// calls in flight throw WorkerLost.
  static void stop() noexcept;
  /// Stores options for the next start; throws SetupError when already started.
  static void set_options(Options options);

  Pool &pool() noexcept { return *pool_; }
  const Settings &settings() const noexcept { return settings_; }
  void log(std::string_view line) const;

  /// The default timeout of a call made on this thread now (zero: none).
  std::chrono::milliseconds timeout() const;

  /// Throws DriftError when `module` no longer has the hash the program was
  /// built with (asks a worker once per module).
  void check_library(std::string_view module, std::string_view hash) {
    drift_.check(*this, module, hash);
  }
  ResultCache &cache() noexcept { return cache_; }
  /// Distinguishes runtimes started one after the other (caches keyed by it).
  std::uint64_t id() const noexcept { return id_; }

  /// The running pool's state (empty when not running; does not start it).
  static PoolStats stats();

  explicit Runtime(Options options);
  ~Runtime();
  Runtime(const Runtime &) = delete;
  Runtime &operator=(const Runtime &) = delete;

private:
  /// Kills the workers and removes their sockets (once).
  void shut_down() noexcept;
  /// Made by the parent of this (forked) process: only the parent may touch it.
  bool inherited() const noexcept;

  Settings settings_;
  std::uint64_t id_;
  unsigned fork_generation_;
  std::string socket_dir_;
  std::unique_ptr<Pool> pool_;
  DriftChecks drift_;
  ResultCache cache_;
};

/// The calling thread's ScopedTimeout, if any (negative: none set).
std::chrono::milliseconds &thread_timeout();

} // namespace pybridge::detail
