// What the instrumented reading half of the runtime refers to but never reaches in the fuzz
// targets: objects live on workers, and the targets decode without a call (a handle in a
// value is a ConversionError before any of this would run).
#include "handle.hpp"

#include <pybridge/errors.hpp>

namespace pybridge {
namespace detail {

namespace {
[[noreturn]] void no_worker() { throw BridgeError("the fuzz target has no worker"); }
} // namespace

void for_each_object(v1::Value &, const std::function<void(v1::ObjectRef &)> &) {
  no_worker();
}
const std::shared_ptr<Handle> &CallContext::received_object(std::uint64_t) const { no_worker(); }
void CallContext::hold(const std::shared_ptr<Handle> &, v1::ObjectRef *) { no_worker(); }

} // namespace detail

std::string Object::str() const { detail::no_worker(); }
std::string Object::repr() const { detail::no_worker(); }

} // namespace pybridge
