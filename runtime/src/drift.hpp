// Drift detection: does a library still have the descriptor hash a program was
// built with?
#pragma once

#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace pybridge::detail {

class Runtime;

/// Asks a worker for a module's hash at its first use, once per process; calls
/// racing the first wait for its answer. Under DriftPolicy::Error every call
/// into a drifted module throws DriftError; under Warn the log gets one
/// warning.
class DriftChecks {
public:
  void check(Runtime &runtime, std::string_view module, std::string_view expected_hash);

private:
  enum class State { Checking, Same, Drifted };
  struct Entry {
    State state = State::Checking;
    std::string message;
  };
  std::string ask(Runtime &runtime, std::string_view module);

  std::mutex mutex_;
  std::condition_variable done_;
  std::map<std::string, Entry, std::less<>> modules_;
};

} // namespace pybridge::detail
