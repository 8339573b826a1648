#include "worker.hpp"

#include <pybridge/errors.hpp>

#include <csignal>
#include <unistd.h>

namespace pybridge::detail {

namespace {
constexpr std::size_t kReleaseBatch = 256;

LaunchSpec launch_spec(int index, unsigned generation,
                       const WorkerSettings &settings,
                       const std::string &fast_lane_path) {
  std::string base = settings.socket_dir + "/w" + std::to_string(index) + "." +
                     std::to_string(generation);
  LaunchSpec spec;
  spec.argv = {settings.python,  "-m",
               "pybridge_agent", "serve",
               "--listen",       "unix:" + base + ".grpc",
               "--fast-lane",    fast_lane_path,
               "--ready-fd",     "3",
               "--lifeline-fd",  "4",
               "--max-message",  std::to_string(settings.max_message_bytes)};
  if (!settings.allow.empty()) {
    std::string allow;
    for (const auto &module : settings.allow)
      allow += (allow.empty() ? "" : ",") + module;
    spec.argv.insert(spec.argv.end(), {"--allow", allow});
  }
  std::string python_path = settings.agent_path;
  if (const char *existing = ::getenv("PYTHONPATH"); existing && *existing)
    python_path += std::string(":") + existing;
  spec.extra_env = {"PYTHONPATH=" + python_path, "PYTHONUNBUFFERED=1"};
  spec.log_prefix = "worker " + std::to_string(index) + ": ";
  if (settings.on_exit)
    spec.on_output_end = [on_exit = settings.on_exit, index, generation] {
      on_exit(index, generation);
    };
  return spec;
}

std::string fast_lane_path_for(int index, unsigned generation,
                               const WorkerSettings &settings) {
  return settings.socket_dir + "/w" + std::to_string(index) + "." +
         std::to_string(generation) + ".fast";
}
} // namespace

WorkerProcess::WorkerProcess(int index, unsigned generation,
                             const WorkerSettings &settings)
    : index_(index), generation_(generation),
      fast_lane_path_(fast_lane_path_for(index, generation, settings)),
      max_message_bytes_(settings.max_message_bytes),
      process_(launch_spec(index, generation, settings, fast_lane_path_),
               settings.log) {}

WorkerProcess::~WorkerProcess() {
  {
    std::lock_guard lock(mutex_);
    idle_.clear();
  }
  process_.stop(std::chrono::milliseconds(2000));
  ::unlink(fast_lane_path_.c_str());
}

std::string WorkerProcess::mark_dead() {
  alive_ = false;
  // A broken connection can precede the exit by a moment; give it that moment.
  for (int i = 0; i < 100 && process_.running(); ++i)
    usleep(1000);
  return "worker " + std::to_string(index_) + " (pid " + std::to_string(pid()) +
         ") " + process_.exit_description() + process_.recent_output();
}

void WorkerProcess::kill() noexcept {
  alive_ = false;
  process_.signal(SIGKILL);
  process_.kill_group();
}

void WorkerProcess::call_started(Deadline deadline) {
  std::lock_guard lock(mutex_);
  deadlines_.insert(
      deadline.value_or(std::chrono::steady_clock::time_point::max()));
}

void WorkerProcess::call_ended(Deadline deadline) noexcept {
  std::lock_guard lock(mutex_);
  auto it = deadlines_.find(
      deadline.value_or(std::chrono::steady_clock::time_point::max()));
  if (it != deadlines_.end())
    deadlines_.erase(it);
}

bool WorkerProcess::may_be_busy(std::chrono::steady_clock::time_point now) {
  std::lock_guard lock(mutex_);
  return !deadlines_.empty() && *deadlines_.rbegin() > now;
}

Lease WorkerProcess::checkout() {
  std::unique_ptr<FrameConnection> connection;
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      connection = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (!connection)
    connection = FrameConnection::connect(fast_lane_path_, max_message_bytes_);
  flush_releases(*connection);
  return Lease(shared_from_this(), std::move(connection));
}

void WorkerProcess::give_back(std::unique_ptr<FrameConnection> connection) {
  if (!alive_)
    return;
  std::lock_guard lock(mutex_);
  idle_.push_back(std::move(connection));
}

void WorkerProcess::release_later(std::uint64_t object_id) noexcept {
  if (!alive_)
    return;
  bool flush_now;
  {
    std::lock_guard lock(mutex_);
    releases_.push_back(object_id);
    flush_now = releases_.size() >= kReleaseBatch;
  }
  if (flush_now)
    send_now(std::nullopt); // the batch goes first
}

void WorkerProcess::send_now(const std::optional<v1::Frame> &frame) noexcept {
  try {
    Lease lease = checkout(); // sends pending releases
    try {
      if (frame)
        lease->send(*frame);
    } catch (...) {
      lease.discard();
      throw;
    }
  } catch (const std::exception &) {
    // The worker is gone: its objects went with it.
  }
}

void WorkerProcess::close_session(std::uint64_t session_id) noexcept {
  if (!alive_)
    return;
  v1::Frame frame;
  frame.mutable_close_session()->set_session_id(session_id);
  send_now(frame);
}

void WorkerProcess::flush_releases(FrameConnection &connection) {
  v1::Frame frame;
  {
    std::lock_guard lock(mutex_);
    if (releases_.empty())
      return;
    auto *ids = frame.mutable_release()->mutable_object_ids();
    ids->Add(releases_.begin(), releases_.end());
    releases_.clear();
  }
  connection.send(frame);
}

Lease::~Lease() {
  if (connection_)
    worker_->give_back(std::move(connection_));
}

} // namespace pybridge::detail
