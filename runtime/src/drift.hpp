// Drift detection: does a library still have the descriptor hash a program was
// built with?
#pragma once

#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <string_view>

namespace pybridge::detail {

class Runtime;

/// Asks a worker for a module's hash at its first use, once per runtime; calls
/// racing the first wait for its answer. Each call compares the hash its own
/// stub was built with: under DriftPolicy::Error a call built against another
/// hash throws DriftError; under Warn the log gets one warning per build hash.
/// A hash found current is remembered per thread, so such calls take no lock.
class DriftChecks {
public:
  void check(Runtime &runtime, std::string_view module, std::string_view expected_hash);

private:
  struct Module {
    bool known = false;                        // false while a worker is asked
    std::string actual;                        // the module's hash now
    std::set<std::string, std::less<>> warned; // build hashes warned about
  };
  std::string ask(Runtime &runtime, std::string_view module);

  std::mutex mutex_;
  std::condition_variable done_;
  std::map<std::string, Module, std::less<>> modules_;
};

} // namespace pybridge::detail
