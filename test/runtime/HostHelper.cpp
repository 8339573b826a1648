// A host program for HostDeathTest: starts two workers, gives each a child
// process and keeps one busy in C code holding the GIL, prints "worker PID"
// lines and "ready", then waits to be killed.
#include <pybridge/pybridge.hpp>

#include <chrono>
#include <iostream>
#include <thread>

int main() {
  pybridge::configure({.workers = 2, .log = [](std::string_view) {}});
  pybridge::Session first, second;
  long child0 = first.run([] { return pybridge::call<long>("pybridge_faults.spawn_child"); });
  long child1 = second.run([] { return pybridge::call<long>("pybridge_faults.spawn_child"); });
  auto stats = pybridge::pool_stats();
  for (const auto &worker : stats.workers)
    std::cout << "worker " << worker.pid << "\n";
  std::cout << "child " << child0 << "\nchild " << child1 << "\n";
  // Worker of `first` is now stuck in C with the GIL held: only SIGIO can end
  // it.
  std::thread([&] {
    try {
      first.run([] { pybridge::call<long>("pybridge_faults.hang_holding_gil", 300); });
    } catch (...) {
    }
  }).detach();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  std::cout << "ready" << std::endl;
  std::this_thread::sleep_for(std::chrono::minutes(5));
}
