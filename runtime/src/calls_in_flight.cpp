#include "calls_in_flight.hpp"

namespace pybridge::detail {

namespace {
std::atomic<std::uint64_t> g_call_ids{1};
} // namespace

std::uint64_t new_call_id() noexcept { return g_call_ids.fetch_add(1); }

int CallsInFlight::add(Entry &entry, Clock::time_point sent,
                       std::optional<Clock::time_point> deadline) {
  entry.record_ = this;
  entry.sent_ = sent;
  entry.deadline_ = deadline.value_or(Clock::time_point::max());
  std::lock_guard lock(mutex_);
  entry.previous_ = last_;
  entry.next_ = nullptr;
  (last_ ? last_->next_ : first_) = &entry;
  last_ = &entry;
  entry.listed_ = true;
  return count_.fetch_add(1, std::memory_order_relaxed);
}

void CallsInFlight::remove(Entry &entry) noexcept {
  {
    std::lock_guard lock(mutex_);
    if (!entry.listed_)
      return;
    entry.listed_ = false;
    (entry.previous_ ? entry.previous_->next_ : first_) = entry.next_;
    (entry.next_ ? entry.next_->previous_ : last_) = entry.previous_;
    entry.previous_ = entry.next_ = nullptr;
    count_.fetch_sub(1, std::memory_order_relaxed);
  }
  finished_.fetch_add(1, std::memory_order_relaxed);
}

bool CallsInFlight::may_be_busy(Clock::time_point now) const {
  std::lock_guard lock(mutex_);
  for (const Entry *entry = first_; entry; entry = entry->next_)
    if (entry->deadline_ > now)
      return true;
  return false;
}

bool CallsInFlight::sent_before(Clock::time_point time) const {
  // Calls are listed in the order they were recorded; their send times, taken just before,
  // may be out of order by a thread switch: every entry is looked at (there are few).
  std::lock_guard lock(mutex_);
  for (const Entry *entry = first_; entry; entry = entry->next_)
    if (entry->sent_ < time)
      return true;
  return false;
}

} // namespace pybridge::detail
