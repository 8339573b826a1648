// The calls sent to one worker and not answered yet: the one record of them. The pool's load
// (count), the hang check (may_be_busy), the heartbeat's race check (sent_before) and the
// recycling count (finished) all read it.
#pragma once

#include "connection.hpp"

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>

namespace pybridge::detail {

/// A call id no other call of this process has (the remote stream routes replies by it).
std::uint64_t new_call_id() noexcept;

class CallsInFlight {
public:
  /// One call's place in the record. It lives in the call (an Exchange), so recording a call
  /// allocates nothing: entries form a list in the order the calls were sent. An entry
  /// destroyed while listed leaves the record (the record must outlive it).
  class Entry {
  public:
    Entry() = default;
    ~Entry() {
      if (listed_)
        record_->remove(*this);
    }
    Entry(const Entry &) = delete;
    Entry &operator=(const Entry &) = delete;
    /// In the record (read by the thread that owns the entry).
    bool listed() const noexcept { return listed_; }

  private:
    friend class CallsInFlight;
    CallsInFlight *record_ = nullptr;
    Entry *previous_ = nullptr, *next_ = nullptr;
    Clock::time_point sent_{};
    Clock::time_point deadline_{}; // max(): none (the call may run forever)
    bool listed_ = false;
  };

  CallsInFlight() = default;
  CallsInFlight(const CallsInFlight &) = delete;
  CallsInFlight &operator=(const CallsInFlight &) = delete;

  /// Records a call sent at `sent` that may run until `deadline` (none: forever); returns how
  /// many calls were in flight before it (it queues behind them on the worker).
  int add(Entry &entry, Clock::time_point sent, std::optional<Clock::time_point> deadline);
  /// Ends a call's record and counts it finished; does nothing for an entry not listed.
  void remove(Entry &entry) noexcept;

  /// Calls in flight now (read without a lock: the pool's load).
  int count() const noexcept { return count_.load(std::memory_order_relaxed); }
  /// Calls that ended on this worker so far.
  std::uint64_t finished() const noexcept { return finished_.load(std::memory_order_relaxed); }
  /// True when a call in flight has not reached its deadline at `now`: the worker may
  /// legitimately be running it.
  bool may_be_busy(Clock::time_point now) const;
  /// True when a call in flight was sent before `time`.
  bool sent_before(Clock::time_point time) const;

private:
  mutable std::mutex mutex_;
  Entry *first_ = nullptr, *last_ = nullptr; // guarded by mutex_; oldest first
  std::atomic<int> count_{0};                // the list's length
  std::atomic<std::uint64_t> finished_{0};
};

} // namespace pybridge::detail
