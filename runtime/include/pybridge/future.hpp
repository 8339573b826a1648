// Stubs and dynamic calls returning std::future<T>: the call is encoded at once and runs on the
// runtime's thread pool; the future holds its result or exception.
//
//   [[pybridge::bind("time.sleep")]] std::future<void> sleep_async(double seconds);
//   auto root = pybridge::call<std::future<double>>("math.sqrt", 2.0);
#pragma once

#include <pybridge/detail/call.hpp>

#include <functional>
#include <future>
#include <memory>
#include <utility>

namespace pybridge::detail {
#pragma GCC visibility push(default) // exported by the runtime (runtime/CMakeLists.txt)

/// Runs `task` on the runtime's thread pool.
void run_async(std::function<void()> task);

template <class T> struct Result<std::future<T>> {
  static constexpr Op op = Result<T>::op;
  static void prepare(Call &call) { Result<T>::prepare(call); }
  static std::future<T> take(Call &call) {
    auto task = std::make_shared<std::packaged_task<T()>>([owned = std::move(call)]() mutable {
      // The call (and the argument handles it keeps alive) ends before the future is
      // ready, so a caller that sees the result also sees those objects released.
      Call running = std::move(owned);
      return Result<T>::take(running);
    });
    std::future<T> future = task->get_future();
    run_async([task] { (*task)(); });
    return future;
  }
};

#pragma GCC visibility pop
} // namespace pybridge::detail
