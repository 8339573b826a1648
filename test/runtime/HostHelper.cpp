// A host program for the tests that need a process of their own.
//   ignore-sigio   HostDeathTest: one worker, started by a thread that ends at once, then
//                  stuck in C holding the GIL with SIGIO ignored; prints "worker PID",
//                  "still PID" (the worker after that thread ended) and "ready".
//   (no argument)  HostDeathTest: starts two workers, gives each a child process and keeps one
//                  busy in C code holding the GIL, prints "worker PID" lines and "ready", then
//                  waits to be killed.
//   future-exit    the first call is a std::future call; main returns while another one is in
//                  flight (the exit handler must end it, not crash).
//   fork           forks after its workers started: one child exits at once, one makes its own
//                  call; prints what each child and the parent then see.
#include <pybridge/config.hpp>
#include <pybridge/detail/call.hpp>
#include <pybridge/future.hpp>
#include <pybridge/pybridge.hpp>
#include <pybridge/session.hpp>
#include <pybridge/telemetry.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <future>
#include <iostream>
#include <string_view>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace {

/// Runs `hang` (a call that never returns) on a thread of its own, says "ready" and waits to
/// be killed.
int hang_and_wait(std::function<void()> hang) {
  std::thread([hang = std::move(hang)] {
    try {
      hang();
    } catch (...) {
    }
  }).detach();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  std::cout << "ready" << std::endl;
  std::this_thread::sleep_for(std::chrono::minutes(5));
  return 0;
}

int host_death() {
  pybridge::configure({.workers = 2, .log = [](std::string_view) {}});
  pybridge::Session first, second;
  long child0 = first.run([] { return pybridge::call<long>("pybridge_faults.spawn_child"); });
  long child1 = second.run([] { return pybridge::call<long>("pybridge_faults.spawn_child"); });
  // The first call returns once one worker is ready: wait for the other (a loaded machine).
  auto stats = pybridge::pool_stats();
  for (int i = 0; i < 6000 && !std::all_of(stats.workers.begin(), stats.workers.end(),
                                           [](const auto &worker) { return worker.alive; });
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    stats = pybridge::pool_stats();
  }
  for (const auto &worker : stats.workers)
    std::cout << "worker " << worker.pid << "\n";
  std::cout << "child " << child0 << "\nchild " << child1 << "\n";
  // Worker of `first` is now stuck in C with the GIL held: only SIGIO can end
  // it.
  return hang_and_wait(
      [&] { first.run([] { pybridge::call<long>("pybridge_faults.hang_holding_gil", 300); }); });
}

int ignoring_sigio() {
  pybridge::configure({.workers = 1, .log = [](std::string_view) {}});
  // The pool starts on a thread that ends at once: the worker must not die with it.
  std::thread([] {
    std::cout << "worker " << pybridge::call<long>("pybridge_faults.pid") << "\n";
  }).join();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  std::cout << "still " << pybridge::call<long>("pybridge_faults.pid") << "\n";
  // Stuck in C with the GIL held and SIGIO ignored: neither the lifeline's SIGIO nor its
  // thread can end it; only the kernel's parent-death signal can.
  return hang_and_wait([] { pybridge::call<long>("pybridge_hardening.hang_ignoring_sigio", 300); });
}

int future_exit() {
  pybridge::configure({.workers = 1, .log = [](std::string_view) {}});
  auto first = pybridge::call<std::future<long>>("pybridge_faults.pid");
  std::cout << "worker " << first.get() << std::endl;
  // Not waited for: still running when main returns.
  auto second = pybridge::call<std::future<long>>("pybridge_faults.sleep_pid", 2.0);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  std::cout << "returning" << std::endl;
  return 0;
}

/// Forks; the child runs `body` and exits with its result through exit() (the
/// exit handlers run). Returns how the child ended, or "hung" after 10 s.
template <class Body> std::string in_child(Body body) {
  pid_t child = ::fork();
  if (child == 0)
    std::exit(body());
  for (int i = 0; i < 1000; ++i) {
    int status = 0;
    if (::waitpid(child, &status, WNOHANG) == child)
      return WIFEXITED(status) ? "exit " + std::to_string(WEXITSTATUS(status))
                               : "signal " + std::to_string(WTERMSIG(status));
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  return "hung";
}

int fork_children() {
  pybridge::configure({.workers = 1, .log = [](std::string_view) {}});
  long before = pybridge::call<long>("pybridge_faults.pid");
  std::cout << "quiet child: " << in_child([] { return 0; }) << std::endl;
  std::cout << "calling child: " << in_child([before] {
    long own = pybridge::call<long>("pybridge_faults.pid"); // its own runtime and worker
    return own != before && own > 0 ? 7 : 1;
  }) << std::endl;
  long after = pybridge::call<long>("pybridge_faults.pid");
  std::cout << "parent: same worker " << (after == before ? "yes" : "no") << ", restarts "
            << pybridge::pool_stats().restarts << std::endl;
  return 0;
}

} // namespace

int main(int argc, char **argv) {
  std::string_view mode = argc > 1 ? argv[1] : "";
  if (mode == "future-exit")
    return future_exit();
  if (mode == "fork")
    return fork_children();
  if (mode == "ignore-sigio")
    return ignoring_sigio();
  return host_death();
}
