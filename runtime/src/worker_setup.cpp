// pybridge::on_every_worker: the process-wide list of set-ups, and running them on a worker
// before its first call.
#include "worker_setup.hpp"

#include "placement.hpp"
#include "runtime.hpp"

#include <pybridge/config.hpp>
#include <pybridge/errors.hpp>

#include <atomic>
#include <functional>

namespace pybridge {
namespace detail {

namespace {
struct Setup {
  std::uint64_t id; // grows with each registration: a worker remembers the newest it ran
  std::function<void()> run;
};

// Kept across shutdown() and configure(): a new pool's workers run them too.
std::mutex g_mutex;
std::vector<std::shared_ptr<const Setup>> g_setups; // by id
std::uint64_t g_next_id = 1;                        // guarded by g_mutex
std::atomic<std::uint64_t> g_newest{0};             // the newest id handed out

std::vector<std::shared_ptr<const Setup>> setups_after(std::uint64_t done) {
  std::lock_guard lock(g_mutex);
  std::vector<std::shared_ptr<const Setup>> pending;
  for (const auto &setup : g_setups)
    if (setup->id > done)
      pending.push_back(setup);
  return pending;
}

void run_on(Runtime &runtime, const std::shared_ptr<Worker> &worker, const Setup &setup) {
  std::shared_ptr<WorkerSetupScope> previous =
      std::exchange(current_setup(), std::make_shared<WorkerSetupScope>(worker));
  try {
    setup.run();
  } catch (const std::exception &error) {
    current_setup() = std::move(previous);
    runtime.log("worker " + std::to_string(worker->index()) +
                ": a pybridge::on_every_worker set-up failed (it runs again before the "
                "worker's next call): " +
                error.what());
    throw;
  } catch (...) {
    current_setup() = std::move(previous);
    throw;
  }
  current_setup() = std::move(previous);
}
} // namespace

std::shared_ptr<Handle> WorkerSetupScope::copy_of(Runtime &runtime,
                                                  const std::shared_ptr<Handle> &original) {
  std::lock_guard lock(mutex_);
  for (const auto &[from, copy] : copies_)
    if (from == original)
      return copy;
  Location copy = copy_object(runtime, original->location(), worker_, *original);
  auto handle = std::make_shared<Handle>(copy.worker, nullptr, copy.id, original->type_name);
  copies_.emplace_back(original, handle);
  return handle;
}

std::shared_ptr<WorkerSetupScope> &current_setup() noexcept {
  thread_local std::shared_ptr<WorkerSetupScope> scope;
  return scope;
}

void run_pending_setups(Runtime &runtime, const std::shared_ptr<Worker> &worker) {
  std::uint64_t newest = g_newest.load(std::memory_order_acquire);
  if (worker->setup_done.load(std::memory_order_acquire) >= newest) [[likely]]
    return;
  std::lock_guard lock(worker->setup_mutex);
  for (const auto &setup : setups_after(worker->setup_done.load())) {
    run_on(runtime, worker, *setup);
    worker->setup_done.store(setup->id, std::memory_order_release);
  }
  if (worker->setup_done.load() < newest) // the newest was removed before it ran here
    worker->setup_done.store(newest, std::memory_order_release);
}

} // namespace detail

std::uint64_t on_every_worker(std::function<void()> setup) {
  if (!setup)
    throw BridgeError("pybridge::on_every_worker needs a callable");
  std::uint64_t id;
  {
    std::lock_guard lock(detail::g_mutex);
    id = detail::g_next_id++;
    detail::g_setups.push_back(
        std::make_shared<detail::Setup>(detail::Setup{id, std::move(setup)}));
    detail::g_newest.store(id, std::memory_order_release);
  }
  std::shared_ptr<detail::Runtime> runtime = detail::Runtime::running();
  if (!runtime)
    return id; // the workers run it when they start
  try {
    for (const auto &worker : runtime->pool().workers())
      if (worker && worker->alive())
        detail::run_pending_setups(*runtime, worker);
  } catch (...) {
    remove_worker_setup(id);
    throw;
  }
  return id;
}

void remove_worker_setup(std::uint64_t id) {
  std::lock_guard lock(detail::g_mutex);
  std::erase_if(detail::g_setups, [id](const auto &setup) { return setup->id == id; });
}

} // namespace pybridge
