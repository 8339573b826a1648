#include "drift.hpp"

#include "errors_internal.hpp"
#include "exchange.hpp"

#include <unordered_map>

namespace pybridge::detail {

namespace {
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const noexcept {
    return std::hash<std::string_view>()(text);
  }
};

/// Build hashes (with their module) that need nothing more from this thread:
/// current, or already warned about.
struct Settled {
  std::uint64_t runtime = 0;
  std::unordered_map<std::string, std::string, StringHash, std::equal_to<>> hashes;

  bool contains(std::uint64_t id, std::string_view module, std::string_view hash) const {
    if (id != runtime)
      return false;
    auto found = hashes.find(hash);
    return found != hashes.end() && found->second == module;
  }
  void add(std::uint64_t id, std::string_view module, std::string_view hash) {
    if (id != runtime) {
      hashes.clear();
      runtime = id;
    }
    hashes.emplace(std::string(hash), std::string(module));
  }
};

Settled &settled() {
  thread_local Settled instance;
  return instance;
}
} // namespace

std::string DriftChecks::ask(Runtime &runtime, std::string_view module) {
  v1::Frame request;
  request.mutable_call()->set_op(v1::CallRequest::LIBRARY_HASH);
  request.mutable_call()->set_target(std::string(module));
  CallContext context;
  context.runtime_call = true;
  Exchange exchange(runtime, context, request);
  const v1::Frame &frame = exchange.next();
  throw_reply_error(frame.reply());
  return frame.reply().result().str_value();
}

void DriftChecks::check(Runtime &runtime, std::string_view module, std::string_view expected) {
  DriftPolicy policy = runtime.settings().drift;
  if (policy == DriftPolicy::Ignore || settled().contains(runtime.id(), module, expected))
    return;
  std::unique_lock lock(mutex_);
  auto found = modules_.find(module);
  while (found != modules_.end() && !found->second.known) {
    done_.wait(lock);
    found = modules_.find(module);
  }
  if (found == modules_.end()) {
    modules_.emplace(std::string(module), Module{});
    lock.unlock();
    std::string actual;
    try {
      actual = ask(runtime, module);
    } catch (...) {
      lock.lock();
      modules_.erase(std::string(module)); // the next call asks again
      done_.notify_all();
      throw;
    }
    lock.lock();
    found = modules_.find(module);
    found->second.actual = std::move(actual);
    found->second.known = true;
    done_.notify_all();
  }
  Module &state = found->second;
  if (state.actual == expected) {
    lock.unlock();
    settled().add(runtime.id(), module, expected);
    return;
  }
  std::string message = "the Python module '" + std::string(module) +
                        "' changed since this program was compiled (descriptor hash " +
                        std::string(expected.substr(0, 12)) + " at build time, " +
                        state.actual.substr(0, 12) +
                        " now); rebuild against the installed library, or set "
                        "PYBRIDGE_DRIFT=warn";
  if (policy == DriftPolicy::Error)
    throw DriftError(message);
  if (state.warned.emplace(expected).second)
    runtime.log("warning: " + message);
  lock.unlock();
  settled().add(runtime.id(), module, expected);
}

} // namespace pybridge::detail
