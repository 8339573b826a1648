#include "runtime.hpp"

#include "async.hpp"
#include "forks.hpp"
#include "launch.hpp"
#include "socket_dir.hpp"

#include <pybridge/errors.hpp>

#include <atomic>
#include <cstdlib>
#include <iostream>
#include <pthread.h>
#include <sstream>
#include <thread>

namespace pybridge {
namespace detail {

namespace {
constexpr std::size_t kDefaultMaxMessage = 256u << 20;
constexpr std::size_t kDefaultCacheBytes = 64u << 20;
constexpr long long kDefaultCancelGraceMs = 2000;
constexpr int kDefaultRetries = 2;
constexpr std::size_t kDefaultMaxQueue = 1024;
constexpr std::size_t kDefaultMaxObjects = 1'000'000;
constexpr long long kDefaultHeartbeatMs = 5000;
constexpr long long kDefaultHeartbeatTimeoutMs = 10000;

// Starting, stopping and configuring take g_mutex; a call only loads g_runtime.
std::mutex g_mutex;
std::atomic<std::shared_ptr<Runtime>> g_runtime;
Options g_options; // guarded by g_mutex
std::atomic<std::uint64_t> g_runtime_ids{1};
std::atomic<unsigned> g_fork_generation{0};
std::atomic<bool> g_exiting{false}; // the exit handler runs

const char *env(const char *name) {
  const char *value = std::getenv(name);
  return value && *value ? value : nullptr;
}

template <class T> T env_number(const char *name, T fallback) {
  const char *text = env(name);
  if (!text)
    return fallback;
  char *end = nullptr;
  long long value = std::strtoll(text, &end, 10);
  if (*end != '\0' || value < 0)
    throw SetupError(std::string(name) + "='" + text + "' is not a non-negative number");
  return static_cast<T>(value);
}

std::vector<std::string> split_commas(std::string_view text) {
  std::vector<std::string> parts;
  std::stringstream stream{std::string(text)};
  for (std::string part; std::getline(stream, part, ',');)
    if (!part.empty())
      parts.push_back(part);
  return parts;
}

DriftPolicy drift_from_env() {
  const char *drift = env("PYBRIDGE_DRIFT");
  if (!drift)
    return DriftPolicy::Error;
  std::string_view value(drift);
  if (value == "error")
    return DriftPolicy::Error;
  if (value == "warn")
    return DriftPolicy::Warn;
  if (value == "ignore")
    return DriftPolicy::Ignore;
  throw SetupError("PYBRIDGE_DRIFT must be error, warn or ignore, not '" + std::string(value) +
                   "'");
}

/// The pool's healing settings (healing.hpp) the caller left unset, from the environment or
/// the defaults.
void resolve_healing(Options &options) {
  if (!options.max_queue)
    options.max_queue = env_number<std::size_t>("PYBRIDGE_MAX_QUEUE", kDefaultMaxQueue);
  if (!options.max_objects)
    options.max_objects = env_number<std::size_t>("PYBRIDGE_MAX_OBJECTS", kDefaultMaxObjects);
  if (!options.recycle_calls)
    options.recycle_calls = env_number<std::uint64_t>("PYBRIDGE_RECYCLE_CALLS", 0);
  if (!options.recycle_age)
    options.recycle_age =
        std::chrono::milliseconds(env_number<long long>("PYBRIDGE_RECYCLE_AGE_MS", 0));
  if (!options.recycle_rss)
    options.recycle_rss = env_number<std::size_t>("PYBRIDGE_RECYCLE_RSS_BYTES", 0);
  if (!options.heartbeat)
    options.heartbeat = std::chrono::milliseconds(
        env_number<long long>("PYBRIDGE_HEARTBEAT_MS", kDefaultHeartbeatMs));
  if (!options.heartbeat_timeout)
    options.heartbeat_timeout = std::chrono::milliseconds(
        env_number<long long>("PYBRIDGE_HEARTBEAT_TIMEOUT_MS", kDefaultHeartbeatTimeoutMs));
}

HealingPolicy healing_policy(const Options &options) {
  HealingPolicy policy;
  policy.max_queue = *options.max_queue;
  policy.recycle_calls = *options.recycle_calls;
  policy.recycle_age = std::max(*options.recycle_age, std::chrono::milliseconds(0));
  policy.recycle_rss = *options.recycle_rss;
  policy.heartbeat = std::max(*options.heartbeat, std::chrono::milliseconds(0));
  policy.heartbeat_timeout = std::max(*options.heartbeat_timeout, std::chrono::milliseconds(1));
  return policy;
}

/// Fills what the caller left unset from the environment, then built-in
/// defaults.
Settings resolve(Options options) {
  if (options.workers <= 0) {
    unsigned cores = std::thread::hardware_concurrency();
    options.workers = env_number<int>("PYBRIDGE_WORKERS", cores ? static_cast<int>(cores) : 1);
    if (options.workers <= 0)
      options.workers = 1;
  }
  if (options.address.empty() && env("PYBRIDGE_ADDRESS"))
    options.address = env("PYBRIDGE_ADDRESS");
  options.python = choose_python(options.python, "Options.python").path;
  if (options.allow.empty() && env("PYBRIDGE_ALLOW"))
    options.allow = split_commas(env("PYBRIDGE_ALLOW"));
  if (!options.timeout)
    options.timeout = std::chrono::milliseconds(env_number<long long>("PYBRIDGE_TIMEOUT_MS", 0));
  if (!options.drift)
    options.drift = drift_from_env();
  if (options.max_message_bytes == 0)
    options.max_message_bytes =
        env_number<std::size_t>("PYBRIDGE_MAX_MESSAGE_BYTES", kDefaultMaxMessage);
  if (!options.cancel_grace)
    options.cancel_grace = std::chrono::milliseconds(
        env_number<long long>("PYBRIDGE_CANCEL_GRACE_MS", kDefaultCancelGraceMs));
  if (!options.retries)
    options.retries = env_number<int>("PYBRIDGE_RETRIES", kDefaultRetries);
  if (!options.cache_bytes)
    options.cache_bytes = env_number<std::size_t>("PYBRIDGE_CACHE_BYTES", kDefaultCacheBytes);
  resolve_healing(options);
  if (!options.log)
    options.log = [](std::string_view line) { std::cerr << "pybridge: " << line << '\n'; };
  Settings settings;
  settings.timeout = std::max(*options.timeout, std::chrono::milliseconds(0));
  settings.drift = *options.drift;
  settings.cancel_grace = std::max(*options.cancel_grace, std::chrono::milliseconds(0));
  settings.retries = std::max(*options.retries, 0);
  settings.cache_bytes = *options.cache_bytes;
  settings.healing = healing_policy(options);
  settings.options = std::move(options);
  return settings;
}

} // namespace

std::chrono::milliseconds &thread_timeout() {
  thread_local std::chrono::milliseconds timeout{-1};
  return timeout;
}

Runtime::Runtime(Options options)
    : settings_(resolve(std::move(options))), id_(g_runtime_ids.fetch_add(1)),
      fork_generation_(fork_generation()), cache_(settings_.cache_bytes) {
  const Options &resolved = settings_.options;
  WorkerSettings settings;
  if (endpoint_kind(resolved.address) == EndpointKind::Remote) {
    settings.address = resolved.address;
    settings.channels = make_remote_channels(resolved);
  } else {
    socket_dir_ = make_socket_dir();
  }
  settings.python = resolved.python;
  settings.allow = resolved.allow;
  settings.socket_dir = socket_dir_;
  settings.max_message_bytes = resolved.max_message_bytes;
  settings.max_objects = *resolved.max_objects;
  settings.log = resolved.log;
  try {
    pool_ = std::make_unique<Pool>(std::move(settings), resolved.workers, settings_.healing);
  } catch (...) {
    remove_socket_dir(socket_dir_);
    throw;
  }
}

Runtime::~Runtime() { shut_down(); }

void Runtime::shut_down() noexcept {
  if (pool_)
    pool_->stop();
  remove_socket_dir(socket_dir_);
  socket_dir_.clear();
}

bool Runtime::inherited() const noexcept { return fork_generation_ != fork_generation(); }

namespace {
/// A runtime the parent of this forked process started: its threads are not
/// here and its workers are the parent's, so it is never destroyed.
void leak(std::shared_ptr<Runtime> runtime) noexcept {
  new std::shared_ptr<Runtime>(std::move(runtime));
}

void at_fork_child() noexcept {
  g_fork_generation.fetch_add(1);
  forget_async_pool();
}

void at_exit() noexcept {
  g_exiting = true;  // a std::future call still queued must not start a new runtime
  Runtime::stop();   // calls in flight end at once...
  stop_async_pool(); // ...so their threads can be joined
  g_exiting = false; // a static destructor may still make a call
}
} // namespace

unsigned fork_generation() noexcept { return g_fork_generation.load(std::memory_order_relaxed); }

void install_process_hooks() {
  static std::once_flag once;
  std::call_once(once, [] {
    // pthread_atfork's prepare and parent handlers keep g_mutex consistent in
    // the child: a fork waits while a runtime starts or stops.
    ::pthread_atfork([] { g_mutex.lock(); }, [] { g_mutex.unlock(); },
                     [] {
                       g_mutex.unlock();
                       at_fork_child();
                     });
    std::atexit(at_exit);
  });
}

std::shared_ptr<Runtime> Runtime::get() {
  std::shared_ptr<Runtime> runtime = g_runtime.load(std::memory_order_acquire);
  if (runtime && !runtime->inherited()) [[likely]]
    return runtime;
  install_process_hooks();
  std::lock_guard lock(g_mutex);
  runtime = g_runtime.load();
  if (runtime && runtime->inherited()) {
    leak(std::move(runtime));
    g_runtime.store(nullptr);
  }
  if (!runtime) {
    if (g_exiting)
      throw SetupError("no Python call can start while the program exits");
    runtime = std::make_shared<Runtime>(g_options);
    g_runtime.store(runtime);
  }
  return runtime;
}

void Runtime::stop() noexcept {
  std::shared_ptr<Runtime> runtime;
  {
    std::lock_guard lock(g_mutex);
    runtime = g_runtime.exchange(nullptr);
  }
  if (!runtime)
    return;
  if (runtime->inherited())
    return leak(std::move(runtime));
  // Calls in flight hold the runtime: they see their workers die and throw
  // WorkerLost; the last reference frees it.
  runtime->shut_down();
}

void Runtime::set_options(Options options) {
  std::lock_guard lock(g_mutex);
  std::shared_ptr<Runtime> running = g_runtime.load();
  if (running && running->inherited()) {
    leak(std::move(running));
    g_runtime.store(nullptr);
  }
  if (running)
    throw SetupError("pybridge::configure() must come before the first Python call "
                     "(or after pybridge::shutdown())");
  g_options = std::move(options);
}

void Runtime::log(std::string_view line) const { settings_.options.log(line); }

std::chrono::milliseconds Runtime::timeout() const {
  auto scoped = thread_timeout();
  return scoped.count() >= 0 ? scoped : settings_.timeout;
}

std::shared_ptr<Runtime> Runtime::running() {
  std::shared_ptr<Runtime> runtime = g_runtime.load();
  return runtime && !runtime->inherited() ? runtime : nullptr;
}

PoolStats Runtime::stats() {
  PoolStats stats;
  std::shared_ptr<Runtime> runtime = running();
  if (!runtime)
    return stats;
  Pool &pool = runtime->pool();
  stats.size = pool.size();
  stats.restarts = pool.restarts();
  auto healing = pool.healing();
  stats.recycled = healing.recycled;
  stats.hung = healing.hung;
  stats.heartbeats = healing.heartbeats;
  auto workers = pool.workers();
  for (int i = 0; i < static_cast<int>(workers.size()); ++i) {
    WorkerInfo info;
    info.index = i;
    if (const auto &worker = workers[i]) {
      info.pid = worker->pid();
      info.generation = worker->generation();
      info.inflight = worker->calls.count();
      info.alive = worker->alive();
      info.calls = worker->calls.finished();
      info.rss_bytes = worker->rss_bytes.load();
    }
    stats.workers.push_back(info);
  }
  return stats;
}

} // namespace detail

void configure(Options options) { detail::Runtime::set_options(std::move(options)); }

void shutdown() { detail::Runtime::stop(); }

ScopedTimeout::ScopedTimeout(std::chrono::milliseconds timeout)
    : previous_(detail::thread_timeout()) {
  detail::thread_timeout() = timeout;
}

ScopedTimeout::~ScopedTimeout() { detail::thread_timeout() = previous_; }

} // namespace pybridge
