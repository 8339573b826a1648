// The process-wide runtime: resolved options and the worker pool, started on
// first use.
#pragma once

#include "cache.hpp"
#include "drift.hpp"
#include "pool.hpp"

#include <pybridge/config.hpp>
#include <pybridge/telemetry.hpp>

#include <memory>
#include <mutex>
#include <string>

namespace pybridge::detail {

class Runtime {
public:
  /// The running runtime; starts the pool on first use. Throws SetupError when
  /// it cannot.
  static Runtime &get();
  /// Stops the pool (at exit, or pybridge::shutdown()).
  static void stop() noexcept;
  /// Stores options for the next start; throws SetupError when already started.
  static void set_options(Options options);

  Pool &pool() noexcept { return *pool_; }
  const Options &options() const noexcept { return options_; }
  void log(std::string_view line) const;

  /// The default timeout of a call made on this thread now (zero: none).
  std::chrono::milliseconds timeout() const;

  /// Throws DriftError when `module` no longer has the hash the program was
  /// built with (asks a worker once per module).
  void check_library(std::string_view module, std::string_view hash) {
    drift_.check(*this, module, hash);
  }
  ResultCache &cache() noexcept { return cache_; }

  /// The running pool's state (empty when not running; does not start it).
  static PoolStats stats();

  explicit Runtime(Options options);
  ~Runtime();

private:
  Options options_;
  std::string socket_dir_;
  std::unique_ptr<Pool> pool_;
  DriftChecks drift_;
  ResultCache cache_;
};

/// The calling thread's ScopedTimeout, if any (negative: none set).
std::chrono::milliseconds &thread_timeout();

} // namespace pybridge::detail
