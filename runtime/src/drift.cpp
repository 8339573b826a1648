#include "drift.hpp"

#include "errors_internal.hpp"
#include "exchange.hpp"

namespace pybridge::detail {

std::string DriftChecks::ask(Runtime &runtime, std::string_view module) {
  v1::CallRequest request;
  request.set_op(v1::CallRequest::LIBRARY_HASH);
  request.set_target(std::string(module));
  CallContext context;
  Exchange exchange(runtime, context, request);
  const v1::Frame &frame = exchange.next();
  throw_reply_error(frame.reply());
  return frame.reply().result().str_value();
}

void DriftChecks::check(Runtime &runtime, std::string_view module, std::string_view expected) {
  DriftPolicy policy = runtime.options().drift;
  if (policy == DriftPolicy::Ignore)
    return;
  std::unique_lock lock(mutex_);
  auto found = modules_.find(module);
  while (found != modules_.end() && found->second.state == State::Checking) {
    done_.wait(lock);
    found = modules_.find(module);
  }
  if (found == modules_.end()) {
    found = modules_.emplace(std::string(module), Entry{}).first;
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
    if (actual == expected) {
      found->second.state = State::Same;
    } else {
      found->second.state = State::Drifted;
      found->second.message = "the Python module '" + std::string(module) +
                              "' changed since this program was compiled (descriptor hash " +
                              std::string(expected.substr(0, 12)) + " at build time, " +
                              actual.substr(0, 12) +
                              " now); rebuild against the installed library, or set "
                              "PYBRIDGE_DRIFT=warn";
      if (policy == DriftPolicy::Warn)
        runtime.log("warning: " + found->second.message);
    }
    done_.notify_all();
  }
  if (found->second.state == State::Drifted && policy == DriftPolicy::Error)
    throw DriftError(found->second.message);
}

} // namespace pybridge::detail
