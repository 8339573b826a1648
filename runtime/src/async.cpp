// The thread pool behind stubs that return std::future.
#include "async.hpp"

#include "forks.hpp"

#include <pybridge/future.hpp>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace pybridge::detail {

namespace {
/// Grows a thread per waiting task up to a bound; threads are reused. Never
/// destroyed: the exit handler stops it after the runtime (stop_async_pool).
class AsyncPool {
public:
  void submit(std::function<void()> task) {
    std::lock_guard lock(mutex_);
    tasks_.push_back(std::move(task));
    // Idle threads that were notified but have not woken yet still count as idle: a task
    // beyond them gets a thread of its own, or two futures made at once would share one.
    if (tasks_.size() > idle_ && threads_.size() < kMaxThreads)
      threads_.emplace_back([this] { work(); });
    else
      ready_.notify_one();
  }

  void stop() noexcept {
    std::deque<std::function<void()>> dropped;
    std::vector<std::thread> threads;
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
      dropped.swap(tasks_);
      threads.swap(threads_);
    }
    ready_.notify_all();
    dropped.clear(); // outside the lock: their futures get broken_promise
    for (auto &thread : threads)
      thread.join();
    std::lock_guard lock(mutex_);
    stopping_ = false; // a static destructor may still make a std::future call
  }

private:
  static constexpr std::size_t kMaxThreads = 64;

  void work() {
    std::unique_lock lock(mutex_);
    for (;;) {
      ++idle_;
      ready_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      --idle_;
      if (tasks_.empty())
        return;
      auto task = std::move(tasks_.front());
      tasks_.pop_front();
      lock.unlock();
      task();
      lock.lock();
    }
  }

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> tasks_;
  std::vector<std::thread> threads_;
  std::size_t idle_ = 0;
  bool stopping_ = false;
};

std::atomic<AsyncPool *> g_pool{nullptr};

AsyncPool &async_pool() {
  AsyncPool *pool = g_pool.load(std::memory_order_acquire);
  if (pool)
    return *pool;
  install_process_hooks(); // so the exit handler stops these threads
  auto *fresh = new AsyncPool;
  if (g_pool.compare_exchange_strong(pool, fresh))
    return *fresh;
  delete fresh;
  return *pool;
}
} // namespace

void run_async(std::function<void()> task) { async_pool().submit(std::move(task)); }

void stop_async_pool() noexcept {
  if (AsyncPool *pool = g_pool.load(std::memory_order_acquire))
    pool->stop();
}

void forget_async_pool() noexcept { g_pool.store(nullptr); } // leaked: its threads are the parent's

} // namespace pybridge::detail
