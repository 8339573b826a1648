// The process-wide runtime: resolved options and the worker pool, started on first use.
#pragma once

#include "pool.hpp"

#include <pybridge/config.hpp>

#include <memory>
#include <mutex>
#include <set>
#include <string>

namespace pybridge::detail {

class Runtime {
public:
  /// The running runtime; starts the pool on first use. Throws SetupError when it cannot.
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

  /// True the first time a module is named (drift is checked once per module).
  bool first_use_of(std::string_view module);

  explicit Runtime(Options options);
  ~Runtime();

private:
  Options options_;
  std::string socket_dir_;
  std::unique_ptr<Pool> pool_;
  std::mutex modules_mutex_;
  std::set<std::string, std::less<>> checked_modules_;
};

/// The calling thread's ScopedTimeout, if any (negative: none set).
std::chrono::milliseconds &thread_timeout();

} // namespace pybridge::detail
