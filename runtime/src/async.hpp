// The threads behind stubs that return std::future (run_async in
// pybridge/future.hpp).
#pragma once

namespace pybridge::detail {

/// At exit, after the runtime stopped (so calls in flight end at once): drops
/// the tasks not yet started (their futures report broken_promise) and joins
/// the threads.
void stop_async_pool() noexcept;

/// In a forked child: the parent's threads are not there; forgets them.
void forget_async_pool() noexcept;

} // namespace pybridge::detail
