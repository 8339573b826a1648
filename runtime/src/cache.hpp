// The execution cache: results of calls marked cacheable, by target and
// arguments.
#pragma once

#include "pybridge.pb.h"

#include <chrono>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace pybridge::detail {

/// Least recently used results up to a byte budget, each with its own expiry.
class ResultCache {
public:
  explicit ResultCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  /// The key of a request, or empty when it must not be cached (a call on an
  /// object, or an argument that is an object or a callback).
  static std::string key_of(const v1::CallRequest &request);
  /// True when the value holds an object handle, a callback or an array in shared memory
  /// (never cached: what it names is not in its bytes).
  static bool holds_reference(const v1::Value &value);

  /// The cached result, or null when absent or expired.
  std::shared_ptr<const v1::Value> find(const std::string &key);
  void put(const std::string &key, const v1::Value &value, std::chrono::milliseconds ttl);

  std::size_t bytes() const;

private:
  using Clock = std::chrono::steady_clock;
  struct Entry {
    std::string key;
    std::shared_ptr<const v1::Value> value;
    Clock::time_point expires;
    std::size_t bytes;
  };
  void erase(std::list<Entry>::iterator entry);

  std::size_t max_bytes_;
  mutable std::mutex mutex_;
  std::list<Entry> lru_; // most recent first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  std::size_t bytes_ = 0;
};

} // namespace pybridge::detail
