// The thread pool behind stubs that return std::future.
#include <pybridge/detail/call.hpp>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace pybridge::detail {

namespace {
/// Grows a thread per waiting task up to a bound; threads are reused and live until exit.
class AsyncPool {
public:
  void submit(std::function<void()> task) {
    std::lock_guard lock(mutex_);
    tasks_.push_back(std::move(task));
    if (idle_ == 0 && threads_.size() < kMaxThreads)
      threads_.emplace_back([this] { work(); });
    else
      ready_.notify_one();
  }

  ~AsyncPool() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (auto &thread : threads_)
      thread.join();
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
} // namespace

void run_async(std::function<void()> task) {
  static AsyncPool pool;
  pool.submit(std::move(task));
}

} // namespace pybridge::detail
