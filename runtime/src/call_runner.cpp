// Running a call that call.cpp built: drift check, execution cache, retries of idempotent
// calls, telemetry; its request goes out through an Exchange.
#include "call_impl.hpp"
#include "errors_internal.hpp"
#include "session_state.hpp"
#include "telemetry_internal.hpp"

#include <algorithm>

namespace pybridge::detail {

namespace {
std::string_view type_of(const Call::Impl &call) {
  return call.self ? std::string_view(call.self->type_name) : std::string_view();
}

void record_attempt(CallRecord &record, const Call::Impl &call) {
  const Exchange &exchange = *call.exchange;
  record.add_bytes(exchange.bytes_sent(), exchange.bytes_received());
  record.add_queue_wait(exchange.queue_wait());
  record.set_worker(exchange.worker()->index(),
                    call.context.session ? call.context.session->id() : 0);
}

/// The whole stream is one call for telemetry: Stop or Exception when it ends.
class ExchangeStream final : public StreamState {
public:
  ExchangeStream(std::unique_ptr<Call::Impl> call, std::unique_ptr<CallRecord> record)
      : call_(std::move(call)), record_(std::move(record)) {}
  ~ExchangeStream() override {
    if (record_)
      end(nullptr);
  }

  const v1::Value *next() override {
    try {
      v1::Frame &frame = call_->exchange->next();
      if (frame.has_item()) {
        call_->context.adopt(frame.item().item(), frame.item().new_objects());
        call_->context.owned_reply.reset(frame.mutable_item()->mutable_item());
        return &frame.item().item();
      }
      call_->context.owned_reply.reset(nullptr);
      call_->context.adopt(frame.reply().result(), frame.reply().new_objects());
      throw_reply_error(frame.reply());
      end(nullptr);
      return nullptr;
    } catch (const std::exception &error) {
      end(&error);
      throw;
    }
  }
  void cancel() noexcept override {
    call_->exchange->cancel();
    end(nullptr);
  }
  void fail(const std::exception &error) noexcept override {
    call_->exchange->cancel();
    end(&error);
  }
  CallContext *context() noexcept override { return &call_->context; }

private:
  void end(const std::exception *error) noexcept {
    if (!record_)
      return;
    record_attempt(*record_, *call_);
    if (error)
      record_->fail(*error);
    else
      record_->stop();
    record_.reset();
  }

  std::unique_ptr<Call::Impl> call_;
  std::unique_ptr<CallRecord> record_;
};
} // namespace

CallPolicy CallPolicy::of(const SitePolicy &site) {
  CallPolicy policy;
  if (site.cache_ms)
    policy.cache_ttl = std::chrono::milliseconds(
        std::min<std::uint64_t>(site.cache_ms, std::chrono::milliseconds::max().count()));
  else if (site.cache_until_evicted)
    policy.cache_ttl = std::chrono::milliseconds::max();
  policy.idempotent = site.idempotent;
  return policy;
}

const v1::Value &run_plain(Call::Impl &call) {
  std::shared_ptr<Runtime> held = Runtime::get();
  Runtime &runtime = *held;
  CallRecord &record = call.record.emplace(call.request(), type_of(call));
  try {
    if (!call.library_module.empty())
      runtime.check_library(call.library_module, call.library_hash);
    std::string key;
    if (call.policy.cache_ttl.count() > 0)
      key = ResultCache::key_of(call.request());
    if (!key.empty()) {
      if ((call.cached = runtime.cache().find(key))) {
        record.cache_hit();
        return *call.cached;
      }
      record.cache_miss();
    }
    for (int attempt = 0;; ++attempt) {
      record.attempt();
      try {
        call.exchange = std::make_unique<Exchange>(runtime, call.context, call.frame);
        v1::Frame &frame = call.exchange->next();
        record_attempt(record, call);
        if (!frame.has_reply())
          throw ProtocolError("a stream item in reply to a plain call");
        call.context.adopt(frame.reply().result(), frame.reply().new_objects());
        throw_reply_error(frame.reply());
        v1::Value &result = *frame.mutable_reply()->mutable_result();
        if (!key.empty() && frame.reply().new_objects().empty() &&
            !ResultCache::holds_reference(result))
          runtime.cache().put(key, result, call.policy.cache_ttl); // a copy: later hits share it
        call.context.owned_reply.reset(&result); // this call's own: arrays may move out
        return result;
      } catch (const WorkerLost &lost) {
        if (call.exchange)
          record_attempt(record, call);
        // Only a call marked idempotent may run twice; one on an object cannot
        // move.
        if (!call.policy.idempotent || call.context.pinned || attempt >= runtime.settings().retries)
          throw;
        runtime.log(std::string("retrying an idempotent call: ") + lost.what());
        call.exchange.reset();
        call.context.worker = nullptr;
      }
    }
  } catch (const std::exception &error) {
    end_record(call, &error);
    throw;
  }
}

void end_record(Call::Impl &call, const std::exception *error) noexcept {
  if (!call.record)
    return;
  if (error)
    call.record->fail(*error);
  else
    call.record->stop();
  call.record.reset();
}

std::unique_ptr<StreamState> run_stream(std::unique_ptr<Call::Impl> call) {
  std::shared_ptr<Runtime> held = Runtime::get();
  Runtime &runtime = *held;
  auto record = std::make_unique<CallRecord>(call->request(), type_of(*call));
  try {
    if (!call->library_module.empty())
      runtime.check_library(call->library_module, call->library_hash);
    record->attempt();
    call->exchange = std::make_unique<Exchange>(runtime, call->context, call->frame);
  } catch (const std::exception &error) {
    record->fail(error);
    throw;
  }
  return std::make_unique<ExchangeStream>(std::move(call), std::move(record));
}

} // namespace pybridge::detail
