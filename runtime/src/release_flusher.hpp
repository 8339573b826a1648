// Sends the object releases that piled up on a worker from a thread of its own, so that the
// destructor of the handle that completes a batch never waits for the worker (which may be
// busy, stopped, or slow to accept a connection). Smaller batches ride on the next call.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace pybridge::detail {

class Worker;

class ReleaseFlusher {
public:
  ReleaseFlusher();
  /// Stops it (stop()).
  ~ReleaseFlusher();
  ReleaseFlusher(const ReleaseFlusher &) = delete;
  ReleaseFlusher &operator=(const ReleaseFlusher &) = delete;

  /// Has `worker`'s pending releases sent soon; returns at once (a short lock, no I/O).
  void request(const std::shared_ptr<Worker> &worker) noexcept;
  /// Ends the thread after the send under way (the pool kills its workers first, which ends
  /// a send a stopped worker holds up). Releases still queued stay with their workers: sent
  /// with a next call, or gone with the worker's process.
  void stop() noexcept;

private:
  void run();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<std::weak_ptr<Worker>> due_; // guarded by mutex_
  bool stopping_ = false;                  // guarded by mutex_
  std::thread thread_;
};

} // namespace pybridge::detail
