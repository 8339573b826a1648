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

namespace pybridge::detail {

namespace {
[[noreturn]] void throw_lost(const std::string &target, const WorkerProcess &worker) {
  throw ObjectLost("the call to " + target + " needs an object that was lost with worker " +
                   std::to_string(worker.index()) +
                   " (the worker died and was restarted; the object is gone)");
}

std::string worker_name(const WorkerProcess &worker) {
  return "worker " + std::to_string(worker.index());
}

/// One frame's reply for a request run on `worker` (a move's own call: no set-up runs).
v1::CallReply ask(Runtime &runtime, const std::shared_ptr<WorkerProcess> &worker,
                  v1::CallRequest &request) {
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

/// The worker that runs a call no object pins.
std::shared_ptr<WorkerProcess> free_worker(Pool &pool, CallContext &context) {
  if (context.session)
    return context.session->worker_for_call(pool);
  if (context.home)
    return context.home->worker_for_call(pool);
  return pool.pick();
}

/// Of the workers holding a call's objects (`where`, one per held object), the one it runs
/// on: a session's (its objects never move), else its self's, else the one holding most of
/// them (ties: the current session's worker, the thread's home, the first object's).
std::shared_ptr<WorkerProcess> destination(const CallContext &context,
                                           const std::vector<Location> &where,
                                           const std::string &target) {
  std::shared_ptr<WorkerProcess> sessions;
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
    return sessions;
  if (context.held.front().ref == nullptr)
    return where.front().worker; // the call's self
  std::shared_ptr<WorkerProcess> preferred[] = {
      context.session ? context.session->current() : nullptr,
      context.home ? context.home->current() : nullptr, where.front().worker};
  auto count = [&](const std::shared_ptr<WorkerProcess> &worker) {
    return std::count_if(where.begin(), where.end(),
                         [&](const Location &at) { return at.worker == worker; });
  };
  std::shared_ptr<WorkerProcess> best;
  for (const auto &candidate : preferred)
    if (candidate && (!best || count(candidate) > count(best)))
      best = candidate;
  for (const Location &at : where)
    if (count(at.worker) > count(best))
      best = at.worker;
  return best;
}

/// Moves `handle`'s object to `to`; `where` becomes its place there.
void move(Runtime &runtime, Handle &handle, const std::shared_ptr<WorkerProcess> &to,
          Location &where, const std::string &target) {
  std::lock_guard lock(handle.move_mutex());
  where = handle.location(); // another call may have moved it meanwhile
  if (where.worker == to)
    return;
  if (!where.worker->alive())
    throw_lost(target, *where.worker);
  Location moved = copy_object(runtime, where, to, handle);
  handle.moved(moved);
  where = std::move(moved);
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
std::shared_ptr<WorkerProcess> place_in_setup(Runtime &runtime, CallContext &context,
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

std::shared_ptr<WorkerProcess> place_call(Runtime &runtime, CallContext &context,
                                          v1::CallRequest &request, const std::string &target) {
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
  std::shared_ptr<WorkerProcess> worker = destination(context, where, target);
  run_pending_setups(runtime, worker);
  for (std::size_t i = 0; i < where.size(); ++i)
    if (where[i].worker != worker)
      move(runtime, *context.held[i].handle, worker, where[i], target);
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

Location copy_object(Runtime &runtime, const Location &from,
                     const std::shared_ptr<WorkerProcess> &to, const Handle &handle) {
  auto cannot_move = [&](const std::exception &error) {
    return BridgeError("a " + handle.type_name + " object held by " + worker_name(*from.worker) +
                       " is needed on " + worker_name(*to) +
                       " (a call combines objects made on different threads) and cannot move "
                       "there: " +
                       error.what() +
                       "; make the objects one call combines on one thread, or in one "
                       "pybridge::Session");
  };
  if (!from.worker->alive())
    throw ObjectLost("a " + handle.type_name + " object was lost with " +
                     worker_name(*from.worker) +
                     " (the worker died and was restarted; the object is gone)");
  v1::CallRequest out;
  out.set_op(v1::CallRequest::EXPORT);
  out.set_self_id(from.id);
  v1::CallReply pickled = ask(runtime, from.worker, out);
  v1::CallRequest in;
  in.set_op(v1::CallRequest::IMPORT);
  try {
    throw_reply_error(pickled);
    in.add_args()->mutable_value()->set_bytes_value(
        std::move(*pickled.mutable_result()->mutable_bytes_value()));
  } catch (const ObjectLost &) {
    throw;
  } catch (const Error &error) {
    throw cannot_move(error);
  }
  v1::CallReply unpickled = ask(runtime, to, in);
  if (unpickled.new_objects_size() != 1) {
    try {
      throw_reply_error(unpickled);
    } catch (const Error &error) {
      throw cannot_move(error);
    }
    throw ProtocolError("an object's move registered no object");
  }
  return {to, unpickled.new_objects(0)};
}

} // namespace pybridge::detail
