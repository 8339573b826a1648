// A local worker: a child process serving a fast lane in the private socket
// directory.
#include "endpoint.hpp"
#include "frame_connection.hpp"
#include "launch.hpp"

#include <csignal>
#include <cstdlib>
#include <unistd.h>

namespace pybridge::detail {

namespace {
LaunchSpec launch_spec(int index, unsigned generation, const WorkerSettings &settings,
                       const std::string &base) {
  // The fast lane is the only way in: a local worker starts no gRPC server.
  std::vector<std::string> arguments = {"serve",
                                        "--fast-lane",
                                        base + ".fast",
                                        "--ready-fd",
                                        "3",
                                        "--lifeline-fd",
                                        "4",
                                        "--parent-pid",
                                        std::to_string(::getpid()),
                                        "--max-message",
                                        std::to_string(settings.max_message_bytes),
                                        "--max-objects",
                                        std::to_string(settings.max_objects)};
  if (!settings.allow.empty()) {
    std::string allow;
    for (const auto &module : settings.allow)
      allow += (allow.empty() ? "" : ",") + module;
    arguments.insert(arguments.end(), {"--allow", allow});
  }
  AgentCommand command = agent_command(settings.python, arguments);
  LaunchSpec spec;
  spec.argv = std::move(command.argv);
  spec.env = std::move(command.env);
  spec.log_prefix = "worker " + std::to_string(index) + ": ";
  if (settings.on_exit)
    spec.on_output_end = [on_exit = settings.on_exit, index, generation] {
      on_exit(index, generation);
    };
  return spec;
}

class LocalEndpoint final : public Endpoint {
public:
  LocalEndpoint(int index, unsigned generation, const WorkerSettings &settings)
      : base_(settings.socket_dir + "/w" + std::to_string(index) + "." +
              std::to_string(generation)),
        max_message_bytes_(settings.max_message_bytes),
        process_(launch_spec(index, generation, settings, base_), settings.log) {}

  ~LocalEndpoint() override {
    process_.stop(std::chrono::milliseconds(2000));
    ::unlink((base_ + ".fast").c_str());
  }

  void wait_ready(std::chrono::milliseconds timeout) override { process_.wait_ready(timeout); }

  std::unique_ptr<Connection> connect() override {
    return FrameConnection::connect(base_ + ".fast", max_message_bytes_);
  }

  pid_t pid() const noexcept override { return process_.pid(); }

  void interrupt() noexcept override { process_.signal(SIGUSR1); }

  void kill() noexcept override {
    process_.signal(SIGKILL);
    process_.kill_group();
  }

  std::string death() override {
    // A broken connection can precede the exit, and the exit the last of the output (a
    // loaded machine stretches both); give them that moment.
    process_.wait_exit_and_output(std::chrono::seconds(1));
    return "(pid " + std::to_string(pid()) + ") " + process_.exit_description() +
           process_.recent_output();
  }

private:
  std::string base_; // socket paths without their suffix
  std::size_t max_message_bytes_;
  ChildProcess process_;
};
} // namespace

std::unique_ptr<Endpoint> make_local_endpoint(int index, unsigned generation,
                                              const WorkerSettings &settings) {
  return std::make_unique<LocalEndpoint>(index, generation, settings);
}

} // namespace pybridge::detail
