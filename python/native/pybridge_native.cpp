// _pybridge_native: the agent's optional native half
// (python/pybridge_agent/wire.py loads it).
//
// It holds the wire messages compiled to C++: with protobuf's cpp
// implementation, Python then parses and serializes them with this generated
// code instead of reflection. And it decodes and encodes the fast lane's most
// common frames, a plain call with scalar arguments (or host callables) and a
// scalar result, and a callback's request and answer with scalars, without
// building Python protobuf objects at all: they cost more than the rest
// of a call (docs/performance.md). Everything else goes the general way
// (codec.py); both give the same values, which test/python checks.
//
// Built for the limited C API, so one module serves every CPython from 3.10 on.
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "pybridge.pb.h"

#include <google/protobuf/stubs/logging.h>

#include <csignal>
#include <cstdint>
#include <cstring>
#include <string>
#include <sys/prctl.h>

namespace {

namespace v1 = pybridge::v1;

constexpr std::uint32_t kHasTrailer = 1u << 31; // the framing's flag bit

/// What makes a host callable (callbacks.HostCallable) from a CallbackRef's id:
/// set_callback_factory(); null until then (such calls go the general way).
PyObject *g_callback_factory = nullptr;

/// The Python value of a scalar wire value (a new reference), or null (no error
/// set) for a kind the general decoder handles.
PyObject *scalar_to_python(const v1::Value &value) {
  switch (value.kind_case()) {
  case v1::Value::kCallback: {
    if (g_callback_factory == nullptr)
      return nullptr;
    PyObject *made = PyObject_CallFunction(g_callback_factory, "K",
                                           static_cast<unsigned long long>(value.callback().id()));
    if (made == nullptr)
      PyErr_Clear(); // the general path reports it
    return made;
  }
  case v1::Value::KIND_NOT_SET: // an unset Value is None, as codec.py reads it
  case v1::Value::kNone:
    Py_INCREF(Py_None);
    return Py_None;
  case v1::Value::kBoolValue:
    return PyBool_FromLong(value.bool_value());
  case v1::Value::kIntValue:
    return PyLong_FromLongLong(value.int_value());
  case v1::Value::kFloatValue:
    return PyFloat_FromDouble(value.float_value());
  case v1::Value::kStrValue: {
    const std::string &text = value.str_value();
    PyObject *str =
        PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "strict");
    if (str == nullptr)
      PyErr_Clear(); // the general path reports it
    return str;
  }
  case v1::Value::kBytesValue:
    return PyBytes_FromStringAndSize(value.bytes_value().data(),
                                     static_cast<Py_ssize_t>(value.bytes_value().size()));
  default:
    return nullptr;
  }
}

/// (call_id, result) of a reply with a scalar result and no objects (the host's
/// answer to a callback), else None.
PyObject *plain_reply(const v1::CallReply &reply) {
  if (!reply.has_result() || !reply.new_objects().empty())
    Py_RETURN_NONE;
  PyObject *value = scalar_to_python(reply.result());
  if (value == nullptr)
    Py_RETURN_NONE;
  return Py_BuildValue("(KN)", static_cast<unsigned long long>(reply.call_id()), value);
}

/// parse_call(buffer, offset) -> (call_id, session_id, target, args, kwargs) |
/// (call_id, result) | None
///
/// Decodes the Frame at buffer[offset:] when it is a plain call: op CALL on a
/// dotted target (no self), no timeout, no handle wanted, and every argument
/// with a scalar form (or a host callable); or a plain reply (plain_reply).
/// None for anything else, malformed frames included: the general parser then
/// takes it.
PyObject *parse_call(PyObject *, PyObject *args) {
  const char *data;
  Py_ssize_t size, offset;
  if (!PyArg_ParseTuple(args, "y#n", &data, &size, &offset))
    return nullptr;
  if (offset < 0 || offset > size)
    Py_RETURN_NONE;
  v1::Frame frame;
  if (!frame.ParseFromArray(data + offset, static_cast<int>(size - offset)))
    Py_RETURN_NONE;
  if (frame.has_reply())
    return plain_reply(frame.reply());
  if (!frame.has_call())
    Py_RETURN_NONE;
  const v1::CallRequest &call = frame.call();
  if (call.op() != v1::CallRequest::CALL || call.self_id() != 0 || call.timeout_seconds() != 0 ||
      call.result_as_object())
    Py_RETURN_NONE;
  PyObject *target = PyUnicode_DecodeUTF8(call.target().data(),
                                          static_cast<Py_ssize_t>(call.target().size()), "strict");
  PyObject *positional = PyList_New(0);
  PyObject *keywords = PyDict_New();
  bool plain = target != nullptr && positional != nullptr && keywords != nullptr;
  for (int i = 0; plain && i < call.args_size(); ++i) {
    const v1::Argument &argument = call.args(i);
    PyObject *value = scalar_to_python(argument.value());
    if (value == nullptr) {
      plain = false;
    } else if (argument.name().empty()) {
      plain = PyList_Append(positional, value) == 0;
    } else {
      PyObject *name = PyUnicode_DecodeUTF8(
          argument.name().data(), static_cast<Py_ssize_t>(argument.name().size()), "strict");
      // A keyword given twice is an error the general path reports.
      plain = name != nullptr && PyDict_Contains(keywords, name) == 0 &&
              PyDict_SetItem(keywords, name, value) == 0;
      Py_XDECREF(name);
    }
    Py_XDECREF(value);
  }
  if (!plain) {
    PyErr_Clear();
    Py_XDECREF(target);
    Py_XDECREF(positional);
    Py_XDECREF(keywords);
    Py_RETURN_NONE;
  }
  return Py_BuildValue("(KKNNN)", static_cast<unsigned long long>(call.call_id()),
                       static_cast<unsigned long long>(call.session_id()), target, positional,
                       keywords);
}

/// Sets `out` to the wire form of a None, bool, int (64-bit), float, str or
/// bytes object (exact types: subclasses go the general way); false when it has
/// none here.
bool scalar_to_wire(PyObject *object, v1::Value &out) {
  if (object == Py_None) {
    out.mutable_none();
  } else if (object == Py_True || object == Py_False) {
    out.set_bool_value(object == Py_True);
  } else if (PyLong_CheckExact(object)) {
    int overflow = 0;
    long long value = PyLong_AsLongLongAndOverflow(object, &overflow);
    if (overflow != 0)
      return false; // a big int: decimal text, the general way
    out.set_int_value(value);
  } else if (PyFloat_CheckExact(object)) {
    out.set_float_value(PyFloat_AsDouble(object));
  } else if (PyUnicode_CheckExact(object)) {
    Py_ssize_t length;
    const char *text = PyUnicode_AsUTF8AndSize(object, &length);
    if (text == nullptr) { // lone surrogates: the general path reports it
      PyErr_Clear();
      return false;
    }
    out.set_str_value(text, static_cast<std::size_t>(length));
  } else if (PyBytes_CheckExact(object)) {
    char *bytes;
    Py_ssize_t length;
    if (PyBytes_AsStringAndSize(object, &bytes, &length) != 0) {
      PyErr_Clear();
      return false;
    }
    out.set_bytes_value(bytes, static_cast<std::size_t>(length));
  } else {
    return false;
  }
  return true;
}

/// The framed `frame` (size word included) as bytes; None beyond max_frame.
PyObject *framed(const v1::Frame &frame, Py_ssize_t max_frame) {
  std::size_t size = frame.ByteSizeLong();
  if (size > static_cast<std::size_t>(max_frame) || size >= kHasTrailer)
    Py_RETURN_NONE;
  PyObject *bytes = PyBytes_FromStringAndSize(nullptr, static_cast<Py_ssize_t>(size + 4));
  if (bytes == nullptr)
    return nullptr;
  char *out = PyBytes_AsString(bytes);
  auto size32 = static_cast<std::uint32_t>(size); // little-endian hosts, as the runtime
  std::memcpy(out, &size32, 4);
  frame.SerializeWithCachedSizesToArray(reinterpret_cast<std::uint8_t *>(out + 4));
  return bytes;
}

/// Parses (call_id, value, max_frame) and frames `value` as the Value `Field`
/// of the message `Kind` of a Frame (a CallReply's result, a StreamItem's
/// item); None when it has no scalar form or the frame would exceed max_frame.
template <auto Kind, auto Field> PyObject *encode_scalar(PyObject *args) {
  unsigned long long call_id;
  PyObject *value;
  Py_ssize_t max_frame;
  if (!PyArg_ParseTuple(args, "KOn", &call_id, &value, &max_frame))
    return nullptr;
  v1::Frame frame;
  auto *message = (frame.*Kind)();
  message->set_call_id(call_id);
  if (!scalar_to_wire(value, *(message->*Field)()))
    Py_RETURN_NONE;
  return framed(frame, max_frame);
}

/// encode_reply(call_id, result, max_frame) -> bytes | None
///
/// The framed reply (size word included) carrying a scalar result; None when
/// the result has no scalar form or the frame would exceed max_frame (the
/// general path then says so).
PyObject *encode_reply(PyObject *, PyObject *args) {
  return encode_scalar<&v1::Frame::mutable_reply, &v1::CallReply::mutable_result>(args);
}

/// encode_callback(request_id, callback_id, args, max_frame) -> bytes | None
///
/// The framed CallbackRequest calling host callable `callback_id` with `args`
/// (a tuple); None when an argument has no scalar form (the general path then
/// encodes it).
PyObject *encode_callback(PyObject *, PyObject *args) {
  unsigned long long request_id, callback_id;
  PyObject *arguments;
  Py_ssize_t max_frame;
  if (!PyArg_ParseTuple(args, "KKO!n", &request_id, &callback_id, &PyTuple_Type, &arguments,
                        &max_frame))
    return nullptr;
  v1::Frame frame;
  v1::CallbackRequest *request = frame.mutable_callback();
  request->set_call_id(request_id);
  request->set_callback_id(callback_id);
  v1::ValueList *items = request->mutable_args()->mutable_tuple_value();
  for (Py_ssize_t i = 0, n = PyTuple_Size(arguments); i < n; ++i)
    if (!scalar_to_wire(PyTuple_GetItem(arguments, i), *items->add_items()))
      Py_RETURN_NONE;
  return framed(frame, max_frame);
}

/// encode_item(call_id, item, max_frame) -> bytes | None
///
/// The framed StreamItem carrying a scalar item of stream `call_id`; None when
/// the item has no scalar form (the general path then encodes it).
PyObject *encode_item(PyObject *, PyObject *args) {
  return encode_scalar<&v1::Frame::mutable_item, &v1::StreamItem::mutable_item>(args);
}

/// set_callback_factory(factory): factory(callback_id) makes the Python callable
/// standing for a host callable that parse_call decodes.
PyObject *set_callback_factory(PyObject *, PyObject *args) {
  PyObject *factory;
  if (!PyArg_ParseTuple(args, "O", &factory))
    return nullptr;
  PyObject *old = g_callback_factory;
  g_callback_factory = factory == Py_None ? nullptr : factory;
  Py_XINCREF(g_callback_factory);
  Py_XDECREF(old);
  Py_RETURN_NONE;
}

/// What protobuf last reported on this thread: a parse error is reported with the frame it
/// broke (take_protobuf_error), not printed once per bad field.
thread_local std::string t_protobuf_error;

void keep_protobuf_report(google::protobuf::LogLevel, const char *, int,
                          const std::string &message) {
  t_protobuf_error = message;
}

/// take_protobuf_error() -> str | None
PyObject *take_protobuf_error(PyObject *, PyObject *) {
  if (t_protobuf_error.empty())
    Py_RETURN_NONE;
  PyObject *text =
      PyUnicode_DecodeUTF8(t_protobuf_error.data(),
                           static_cast<Py_ssize_t>(t_protobuf_error.size()), "backslashreplace");
  t_protobuf_error.clear();
  return text;
}

/// Kills the caller's process group: the worker and everything it started. Async-signal-safe
/// and free of the GIL, so it runs whatever the worker's main thread is doing in C.
void kill_own_group(int) { ::kill(0, SIGKILL); }

/// die_with_parent(signo, group): asks the kernel for `signo` when the parent dies
/// (PR_SET_PDEATHSIG); with `group`, that signal kills the whole process group.
PyObject *die_with_parent(PyObject *, PyObject *args) {
  int signo, group;
  if (!PyArg_ParseTuple(args, "ip", &signo, &group))
    return nullptr;
  if (group) {
    struct sigaction action = {};
    action.sa_handler = kill_own_group;
    sigemptyset(&action.sa_mask);
    if (::sigaction(signo, &action, nullptr) != 0)
      return PyErr_SetFromErrno(PyExc_OSError);
  }
  if (::prctl(PR_SET_PDEATHSIG, static_cast<unsigned long>(signo)) != 0)
    return PyErr_SetFromErrno(PyExc_OSError);
  Py_RETURN_NONE;
}

PyMethodDef methods[] = {{"parse_call", parse_call, METH_VARARGS,
                          "parse_call(buffer, offset) -> (call_id, session_id, target, args, "
                          "kwargs) | (call_id, result) | None"},
                         {"encode_reply", encode_reply, METH_VARARGS,
                          "encode_reply(call_id, result, max_frame) -> framed reply bytes | None"},
                         {"encode_item", encode_item, METH_VARARGS,
                          "encode_item(call_id, item, max_frame) -> bytes | None"},
                         {"encode_callback", encode_callback, METH_VARARGS,
                          "encode_callback(request_id, callback_id, args, max_frame) -> framed "
                          "CallbackRequest bytes | None"},
                         {"set_callback_factory", set_callback_factory, METH_VARARGS,
                          "set_callback_factory(factory): makes parse_call's host callables"},
                         {"die_with_parent", die_with_parent, METH_VARARGS,
                          "die_with_parent(signo, group): the parent-death signal"},
                         {"take_protobuf_error", take_protobuf_error, METH_NOARGS,
                          "take_protobuf_error() -> what protobuf last reported here | None"},
                         {nullptr, nullptr, 0, nullptr}};

PyModuleDef module = {PyModuleDef_HEAD_INIT,
                      "_pybridge_native",
                      nullptr,
                      -1,
                      methods,
                      nullptr,
                      nullptr,
                      nullptr,
                      nullptr};

} // namespace

PyMODINIT_FUNC PyInit__pybridge_native() {
  google::protobuf::SetLogHandler(keep_protobuf_report);
  return PyModule_Create(&module);
}
