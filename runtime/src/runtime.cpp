#include "runtime.hpp"

#include "paths.hpp"

#include <pybridge/errors.hpp>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <grpcpp/grpcpp.h>
#include <iostream>
#include <sstream>
#include <thread>

namespace pybridge {
namespace detail {

namespace {
constexpr std::size_t kDefaultMaxMessage = 256u << 20;
constexpr std::size_t kDefaultCacheBytes = 64u << 20;
constexpr long long kDefaultCancelGraceMs = 2000;
constexpr int kDefaultRetries = 2;

std::mutex g_mutex;
Runtime *g_runtime = nullptr; // guarded by g_mutex; deleted by stop()
Options g_options;
bool g_atexit_registered = false;

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

/// Fills what the caller left unset from the environment, then built-in
/// defaults.
Options resolve(Options options) {
  if (options.workers <= 0) {
    unsigned cores = std::thread::hardware_concurrency();
    options.workers = env_number<int>("PYBRIDGE_WORKERS", cores ? static_cast<int>(cores) : 1);
    if (options.workers <= 0)
      options.workers = 1;
  }
  if (options.address.empty() && env("PYBRIDGE_ADDRESS"))
    options.address = env("PYBRIDGE_ADDRESS");
  if (options.python.empty())
    options.python = env("PYBRIDGE_PYTHON") ? env("PYBRIDGE_PYTHON") : default_python();
  if (options.allow.empty() && env("PYBRIDGE_ALLOW"))
    options.allow = split_commas(env("PYBRIDGE_ALLOW"));
  if (options.timeout.count() == 0)
    options.timeout = std::chrono::milliseconds(env_number<long long>("PYBRIDGE_TIMEOUT_MS", 0));
  if (const char *drift = env("PYBRIDGE_DRIFT")) {
    std::string_view value(drift);
    if (value == "error")
      options.drift = DriftPolicy::Error;
    else if (value == "warn")
      options.drift = DriftPolicy::Warn;
    else if (value == "ignore")
      options.drift = DriftPolicy::Ignore;
    else
      throw SetupError("PYBRIDGE_DRIFT must be error, warn or ignore, not '" + std::string(value) +
                       "'");
  }
  if (options.max_message_bytes == 0)
    options.max_message_bytes =
        env_number<std::size_t>("PYBRIDGE_MAX_MESSAGE_BYTES", kDefaultMaxMessage);
  if (options.cancel_grace.count() <= 0)
    options.cancel_grace = std::chrono::milliseconds(
        env_number<long long>("PYBRIDGE_CANCEL_GRACE_MS", kDefaultCancelGraceMs));
  if (options.retries < 0)
    options.retries = env_number<int>("PYBRIDGE_RETRIES", kDefaultRetries);
  if (options.cache_bytes == 0)
    options.cache_bytes = env_number<std::size_t>("PYBRIDGE_CACHE_BYTES", kDefaultCacheBytes);
  if (!options.log)
    options.log = [](std::string_view line) { std::cerr << "pybridge: " << line << '\n'; };
  return options;
}

/// A directory only this user can enter, for the workers' sockets.
std::string make_socket_dir() {
  std::string base = env("XDG_RUNTIME_DIR") ? env("XDG_RUNTIME_DIR") : "/tmp";
  std::string pattern = base + "/pybridge-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    pattern = "/tmp/pybridge-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr)
      throw SetupError(std::string("cannot create a socket directory: ") + std::strerror(errno));
  }
  return pattern;
}

void stop_at_exit() { Runtime::stop(); }

/// One channel for all remote workers: gRPC resolves the address and balances
/// the streams.
std::shared_ptr<grpc::Channel> remote_channel(const std::string &address,
                                              std::size_t max_message_bytes) {
  grpc::ChannelArguments arguments;
  arguments.SetLoadBalancingPolicyName("round_robin");
  arguments.SetMaxReceiveMessageSize(
      static_cast<int>(std::min<std::size_t>(max_message_bytes, INT_MAX)));
  arguments.SetMaxSendMessageSize(
      static_cast<int>(std::min<std::size_t>(max_message_bytes, INT_MAX)));
  auto channel = grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), arguments);
  if (!channel)
    throw SetupError("cannot use the worker address '" + address + "'");
  return channel;
}
} // namespace

std::chrono::milliseconds &thread_timeout() {
  thread_local std::chrono::milliseconds timeout{-1};
  return timeout;
}

Runtime::Runtime(Options options)
    : options_(resolve(std::move(options))), cache_(options_.cache_bytes) {
  WorkerSettings settings;
  if (!options_.address.empty()) {
    settings.address = options_.address;
    settings.channel = remote_channel(options_.address, options_.max_message_bytes);
  } else {
    socket_dir_ = make_socket_dir();
  }
  settings.python = options_.python;
  settings.agent_path = agent_path();
  settings.allow = options_.allow;
  settings.socket_dir = socket_dir_;
  settings.max_message_bytes = options_.max_message_bytes;
  settings.log = options_.log;
  try {
    pool_ = std::make_unique<Pool>(std::move(settings), options_.workers);
  } catch (...) {
    if (!socket_dir_.empty())
      std::filesystem::remove_all(socket_dir_);
    throw;
  }
}

Runtime::~Runtime() {
  pool_.reset();
  std::error_code ignored;
  if (!socket_dir_.empty())
    std::filesystem::remove_all(socket_dir_, ignored);
}

Runtime &Runtime::get() {
  std::lock_guard lock(g_mutex);
  if (g_runtime == nullptr) {
    g_runtime = new Runtime(g_options);
    if (!g_atexit_registered) {
      std::atexit(stop_at_exit);
      g_atexit_registered = true;
    }
  }
  return *g_runtime;
}

void Runtime::stop() noexcept {
  Runtime *runtime;
  {
    std::lock_guard lock(g_mutex);
    runtime = g_runtime;
    g_runtime = nullptr;
  }
  delete runtime;
}

void Runtime::set_options(Options options) {
  std::lock_guard lock(g_mutex);
  if (g_runtime != nullptr)
    throw SetupError("pybridge::configure() must come before the first Python call "
                     "(or after pybridge::shutdown())");
  g_options = std::move(options);
}

void Runtime::log(std::string_view line) const { options_.log(line); }

std::chrono::milliseconds Runtime::timeout() const {
  auto scoped = thread_timeout();
  return scoped.count() >= 0 ? scoped : options_.timeout;
}

PoolStats Runtime::stats() {
  std::lock_guard lock(g_mutex); // stop() cannot detach the runtime meanwhile
  PoolStats stats;
  if (g_runtime == nullptr)
    return stats;
  Pool &pool = g_runtime->pool();
  stats.size = pool.size();
  stats.restarts = pool.restarts();
  auto workers = pool.workers();
  for (int i = 0; i < static_cast<int>(workers.size()); ++i) {
    WorkerInfo info;
    info.index = i;
    if (const auto &worker = workers[i]) {
      info.pid = worker->pid();
      info.generation = worker->generation();
      info.inflight = worker->inflight.load();
      info.alive = worker->alive();
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
