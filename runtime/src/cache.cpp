#include "cache.hpp"
#include "value_walk.hpp"

namespace pybridge::detail {

namespace {
constexpr std::size_t kEntryOverhead = 128; // list node, map node, shared_ptr control block
} // namespace

bool ResultCache::holds_reference(const v1::Value &value) {
  return any_value(value, [](const v1::Value &part) {
    // An array in shared memory: its bytes are not in the value.
    return part.has_object() || part.has_callback() ||
           (part.has_ndarray() && part.ndarray().has_shared());
  });
}

std::string ResultCache::key_of(const v1::CallRequest &request) {
  if (request.self_id() != 0 || request.op() != v1::CallRequest::CALL || request.result_as_object())
    return {};
  std::string key = request.target();
  key.push_back('\0');
  for (const auto &argument : request.args()) {
    if (holds_reference(argument.value()))
      return {};
    std::string bytes = argument.SerializeAsString(); // Values hold no maps: deterministic
    key += std::to_string(bytes.size());
    key.push_back(':');
    key += bytes;
  }
  return key;
}

std::shared_ptr<const v1::Value> ResultCache::find(const std::string &key) {
  std::lock_guard lock(mutex_);
  auto found = index_.find(key);
  if (found == index_.end())
    return nullptr;
  auto entry = found->second;
  if (Clock::now() >= entry->expires) {
    erase(entry);
    return nullptr;
  }
  lru_.splice(lru_.begin(), lru_, entry);
  return entry->value;
}

void ResultCache::put(const std::string &key, const v1::Value &value,
                      std::chrono::milliseconds ttl) {
  std::size_t size = key.size() + value.ByteSizeLong() + kEntryOverhead;
  if (size > max_bytes_)
    return;
  auto stored = std::make_shared<const v1::Value>(value);
  auto expires =
      ttl == std::chrono::milliseconds::max() ? Clock::time_point::max() : Clock::now() + ttl;
  std::lock_guard lock(mutex_);
  if (auto found = index_.find(key); found != index_.end())
    erase(found->second);
  while (bytes_ + size > max_bytes_ && !lru_.empty())
    erase(std::prev(lru_.end()));
  lru_.push_front(Entry{key, std::move(stored), expires, size});
  index_.emplace(key, lru_.begin());
  bytes_ += size;
}

std::size_t ResultCache::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

void ResultCache::erase(std::list<Entry>::iterator entry) {
  bytes_ -= entry->bytes;
  index_.erase(entry->key);
  lru_.erase(entry);
}

} // namespace pybridge::detail
