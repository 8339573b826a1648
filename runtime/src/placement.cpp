// Where a call runs, and objects moving to it. A call on or with objects runs where they
// are; a call that may create objects runs on its thread's home worker, so one thread's
// objects meet; a call that makes none goes to the least busy worker. Objects that still
// meet from two workers (made on different threads) are moved by pickling.
#include "placement.hpp"

#include "errors_internal.hpp"
#include "exchange.hpp"
#include "session_state.hpp"
#include "worker_setup.hpp"

#include <pybridge/errors.hpp>

#include <algorithm>
#include <mutex>
#include <optional>

namespace pybridge::detail {

namespace {
[[noreturn]] void throw_lost(const std::string &target, const Worker &worker) {
  throw ObjectLost("the call to " + target + " needs an object that was lost with worker " +
                   std::to_string(worker.index()) +
                   " (the worker died and was restarted; the object is gone)");
}

std::string worker_name(const Worker &worker) { return "worker " + std::to_string(worker.index()); }

/// One frame's reply for a request run on `worker` (a move's own call: no set-up runs).
v1::CallReply ask(Runtime &runtime, const std::shared_ptr<Worker> &worker, v1::Frame &request) {
  CallContext context;
  context.worker = worker;
  context.pinned = true;
  context.runtime_call = true;
  Exchange exchange(runtime, context, request);
  const v1::Frame &frame = exchange.next();
  if (!frame.has_reply())
    throw ProtocolError("a stream item in reply to an object's move");
  return frame.reply();
}

/// An object pickled by its worker, or why it cannot leave it.
struct Exported {
  std::string bytes;
  std::string refusal; // not empty: it cannot go
};

/// Pickles the object at `from`. A move (`moving`) is refused for an object whose copy
/// would not be the same object: one that compares by identity and that other objects on
/// its worker use (python/pybridge_agent/objects.py). Throws ObjectLost when it is gone.
Exported export_object(Runtime &runtime, const Location &from, bool moving) {
  v1::Frame frame;
  v1::CallRequest &request = *frame.mutable_call();
  request.set_op(v1::CallRequest::EXPORT);
  request.set_self_id(from.id);
  request.add_args()->mutable_value()->set_bool_value(moving);
  v1::CallReply reply = ask(runtime, from.worker, frame);
  try {
    throw_reply_error(reply);
  } catch (const ObjectLost &) {
    throw;
  } catch (const Error &error) { // it cannot be pickled
    return {{}, error.what()};
  }
  if (reply.result().has_str_value())
    return {{}, reply.result().str_value()};
  return {std::move(*reply.mutable_result()->mutable_bytes_value()), {}};
}

/// Unpickles `bytes` on `to`: the new object's id there (or why it failed).
std::optional<std::uint64_t> import_object(Runtime &runtime, const std::shared_ptr<Worker> &to,
                                           std::string bytes, std::string &failure) {
  v1::Frame frame;
  v1::CallRequest &request = *frame.mutable_call();
  request.set_op(v1::CallRequest::IMPORT);
  request.add_args()->mutable_value()->set_bytes_value(std::move(bytes));
  v1::CallReply reply = ask(runtime, to, frame);
  try {
    throw_reply_error(reply);
  } catch (const Error &error) {
    failure = error.what();
    return std::nullopt;
  }
  if (reply.new_objects_size() != 1)
    throw ProtocolError("an object's move registered no object");
  return reply.new_objects(0);
}

/// Why an object could not go where a call needs it (`for_setup`: a copy for a set-up).
BridgeError cannot_move(const Handle &handle, const Worker &from, const Worker &to,
                        const std::string &why, bool for_setup = false) {
  std::string needed = for_setup ? " (a pybridge::on_every_worker set-up uses it) and cannot be "
                                   "copied there: "
                                 : " (a call combines objects made on different threads) and "
                                   "cannot move there: ";
  std::string advice = for_setup ? "; make it inside the set-up"
                                 : "; make the objects one call combines on one thread, or in "
                                   "one pybridge::Session";
  return BridgeError("a " + handle.type_name + " object held by " + worker_name(from) +
                     " is needed on " + worker_name(to) + needed + why + advice);
}

/// The workers a call combining objects from several could run on, best first: the one its
/// session objects are on (they never move; then the only one), else its self's, then by the
/// number of its objects there (ties: the current session's worker, the thread's home).
std::vector<std::shared_ptr<Worker>> destinations(const CallContext &context,
                                                  const std::vector<Location> &where,
                                                  const std::string &target) {
  std::shared_ptr<Worker> sessions;
  for (std::size_t i = 0; i < where.size(); ++i) {
    if (!context.held[i].handle->session)
      continue;
    if (sessions && sessions != where[i].worker)
      throw BridgeError("the call to " + target + " combines objects of pybridge::Sessions on " +
                        worker_name(*sessions) + " and " + worker_name(*where[i].worker) +
                        "; a session keeps its objects on its worker: make them in one session");
    sessions = where[i].worker;
  }
  if (sessions)
    return {sessions};
  std::vector<std::shared_ptr<Worker>> order;
  auto add = [&](const std::shared_ptr<Worker> &worker) {
    bool holds = std::any_of(where.begin(), where.end(),
                             [&](const Location &at) { return at.worker == worker; });
    if (worker && holds && std::find(order.begin(), order.end(), worker) == order.end())
      order.push_back(worker);
  };
  if (context.held.front().ref == nullptr)
    add(where.front().worker); // the call's self
  add(context.session ? context.session->current() : nullptr);
  add(context.home ? context.home->current() : nullptr);
  for (const Location &at : where)
    add(at.worker);
  auto count = [&](const std::shared_ptr<Worker> &worker) {
    return std::count_if(where.begin(), where.end(),
                         [&](const Location &at) { return at.worker == worker; });
  };
  // By count, keeping the order above among equals (a few workers: insertion sort).
  bool self_first = context.held.front().ref == nullptr;
  for (std::size_t i = self_first ? 2 : 1; i < order.size(); ++i)
    for (std::size_t j = i; j > (self_first ? 1 : 0) && count(order[j]) > count(order[j - 1]); --j)
      std::swap(order[j], order[j - 1]);
  return order;
}

/// The worker that runs a call no object pins.
std::shared_ptr<Worker> free_worker(Pool &pool, CallContext &context) {
  if (context.session)
    return context.session->worker_for_call(pool);
  if (context.home)
    return context.home->worker_for_call(pool);
  return pool.pick();
}

// Moves run one at a time in the process: each reads where the objects are now.
std::mutex g_moves;

/// Brings the call's objects onto one worker (moving the fewest that keep every object
/// itself), updates `where` and returns the worker. Throws BridgeError when no worker will
/// do: some object cannot move to each.
std::shared_ptr<Worker> gather(Runtime &runtime, CallContext &context, std::vector<Location> &where,
                               const std::string &target) {
  std::lock_guard lock(g_moves);
  for (std::size_t i = 0; i < where.size(); ++i)
    where[i] = context.held[i].handle->location(); // another call may have moved them
  std::optional<BridgeError> first_refusal;
  for (const auto &worker : destinations(context, where, target)) {
    std::vector<std::pair<Handle *, Exported>> leaving;
    bool refused = false;
    for (std::size_t i = 0; i < where.size() && !refused; ++i) {
      Handle *handle = context.held[i].handle.get();
      bool seen = std::any_of(leaving.begin(), leaving.end(),
                              [&](const auto &entry) { return entry.first == handle; });
      if (where[i].worker == worker || seen)
        continue;
      if (!where[i].worker->alive())
        throw_lost(target, *where[i].worker);
      Exported exported = export_object(runtime, where[i], true);
      refused = !exported.refusal.empty();
      if (refused && !first_refusal)
        first_refusal = cannot_move(*handle, *where[i].worker, *worker, exported.refusal);
      leaving.emplace_back(handle, std::move(exported));
    }
    if (refused)
      continue;
    for (auto &[handle, exported] : leaving) {
      std::string failure;
      auto id = import_object(runtime, worker, std::move(exported.bytes), failure);
      if (!id)
        throw cannot_move(*handle, *handle->location().worker, *worker, failure);
      handle->moved({worker, *id});
    }
    for (std::size_t i = 0; i < where.size(); ++i)
      where[i] = context.held[i].handle->location();
    return worker;
  }
  throw *first_refusal;
}

/// The objects' ids where the call runs, into the request; the session its new objects join.
void name_objects(CallContext &context, const std::vector<Location> &where,
                  v1::CallRequest &request) {
  for (std::size_t i = 0; i < where.size(); ++i) {
    if (v1::ObjectRef *ref = context.held[i].ref)
      ref->set_id(where[i].id);
    else
      request.set_self_id(where[i].id);
  }
}

/// During a set-up: everything runs on the worker being set up; other workers' objects are
/// copied there.
std::shared_ptr<Worker> place_in_setup(Runtime &runtime, CallContext &context,
                                       v1::CallRequest &request) {
  const auto &worker = context.setup->worker();
  std::vector<Location> where;
  for (HeldObject &object : context.held) {
    if (object.handle->location().worker != worker)
      object.handle = context.setup->copy_of(runtime, object.handle);
    where.push_back(object.handle->location());
  }
  name_objects(context, where, request);
  context.session = nullptr;
  context.pinned = !context.held.empty();
  return context.worker = worker;
}
} // namespace

std::shared_ptr<Worker> place_call(Runtime &runtime, CallContext &context, v1::CallRequest &request,
                                   const std::string &target) {
  if (context.session && context.session->closed())
    throw BridgeError("the call to " + target + " was made in a closed pybridge::Session");
  if (context.worker) { // fixed: a move's own call, or a pinned call trying again
    if (!context.worker->alive())
      throw_lost(target, *context.worker);
    return context.worker;
  }
  if (context.runtime_call) {
    context.worker = free_worker(runtime.pool(), context);
    return context.worker;
  }
  if (context.setup)
    return place_in_setup(runtime, context, request);
  if (context.held.empty()) {
    context.worker = free_worker(runtime.pool(), context);
    run_pending_setups(runtime, context.worker);
    return context.worker;
  }
  std::vector<Location> where;
  where.reserve(context.held.size());
  for (const HeldObject &object : context.held) {
    where.push_back(object.handle->location());
    if (!where.back().worker->alive())
      throw_lost(target, *where.back().worker);
  }
  bool one_worker = std::all_of(where.begin(), where.end(), [&](const Location &at) {
    return at.worker == where.front().worker;
  });
  std::shared_ptr<Worker> worker =
      one_worker ? where.front().worker : gather(runtime, context, where, target);
  run_pending_setups(runtime, worker);
  name_objects(context, where, request);
  // The objects the call creates join the current session when it lives there (a session
  // with no worker yet adopts this one), else the session of an object the call uses.
  if (!context.session || !context.session->adopt(worker)) {
    context.session = nullptr;
    for (const HeldObject &object : context.held)
      if ((context.session = object.handle->session))
        break;
  }
  context.pinned = true;
  return context.worker = std::move(worker);
}

Location copy_object(Runtime &runtime, const Location &from, const std::shared_ptr<Worker> &to,
                     const Handle &handle) {
  if (!from.worker->alive())
    throw ObjectLost("a " + handle.type_name + " object was lost with " +
                     worker_name(*from.worker) +
                     " (the worker died and was restarted; the object is gone)");
  Exported exported = export_object(runtime, from, false);
  std::string failure = exported.refusal;
  std::optional<std::uint64_t> id;
  if (failure.empty())
    id = import_object(runtime, to, std::move(exported.bytes), failure);
  if (!id)
    throw cannot_move(handle, *from.worker, *to, failure, true);
  return {to, *id};
}

} // namespace pybridge::detail
