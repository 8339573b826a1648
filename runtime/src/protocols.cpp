// Python's protocols on Object (pybridge/protocols.hpp): each a call of the protocol's
// dunder, which the agent runs as Python's syntax does (python/pybridge_agent/protocols.py).
#include <pybridge/pybridge.hpp>

#include <exception>
#include <string>
#include <tuple>

namespace pybridge {

std::size_t Object::size() const { return call<std::size_t>("__len__"); }

std::size_t Object::hash() const { return static_cast<std::size_t>(call<long long>("__hash__")); }

bool operator==(const Object &a, const Object &b) { return a.call<bool>("__eq__", b); }

namespace detail {

bool exit_with_current_exception(const Object &manager) {
  // (qualified class name, message): the agent rebuilds the exception from them; an empty
  // name stands for a C++ exception (RuntimeError).
  std::tuple<std::string, std::string> error;
  try {
    throw;
  } catch (const PythonError &python) {
    error = {python.module() + "." + python.type(), python.message()};
  } catch (const std::exception &cpp) {
    error = {std::string(), cpp.what()};
  } catch (...) {
    error = {std::string(), "a C++ exception that is not a std::exception"};
  }
  return manager.call<bool>("__exit__", kw("pybridge_error", error));
}

} // namespace detail
} // namespace pybridge
