// pybridge::Value: an owned copy of a received value, with the objects and shared-memory
// segments it names. (Its str() is in value_repr.cpp.)
#include "handle.hpp"
#include "pybridge.pb.h"
#include "shared_memory.hpp"
#include "shared_ref.hpp"
#include "trailer.hpp"

#include <pybridge/pybridge.hpp>

#include <algorithm>

namespace pybridge {
namespace detail {

/// The wire value and the objects it names (the context a ValueRef resolves them in).
/// Shared by every copy of a Value and never changed once made.
struct ValueData {
  v1::Value wire;
  CallContext context;

  static Value wrap(std::shared_ptr<const ValueData> data) {
    return Value(shared_ref(std::move(data)));
  }
};

} // namespace detail

namespace {
const v1::Value &none_value() {
  static const v1::Value none;
  return none;
}
} // namespace

Value::Value() noexcept = default;

Kind Value::kind() const noexcept { return ref().kind(); }

ValueRef Value::ref() const noexcept {
  const detail::ValueData *data = data_.get();
  if (!data)
    return detail::ValueAccess::ref(none_value(), nullptr);
  return detail::ValueAccess::ref(data->wire, &data->context);
}

namespace {
/// The arrays of `copy` in segments `from` received are sent from the same segments (or
/// copied into the value when `to` is no call).
void lend_shared_arrays(v1::Value &copy, const detail::CallContext &from, detail::CallContext *to) {
  detail::for_each_shared_array(copy, [&](v1::NDArray &array) {
    std::uint32_t index = array.shared().segment();
    if (index >= from.received_segments.size())
      throw ProtocolError("an array in shared memory outside of the reply it came with");
    const auto &segment = from.received_segments[index];
    if (to == nullptr || to->sent_segments.size() >= detail::kMaxSegmentsPerFrame) {
      array.set_data(segment->data() + array.shared().offset(), array.shared().size());
      array.clear_shared();
      return;
    }
    auto &segments = to->sent_segments;
    auto found = std::find(segments.begin(), segments.end(), segment);
    if (found == segments.end())
      found = segments.insert(found, segment);
    array.mutable_shared()->set_segment(static_cast<std::uint32_t>(found - segments.begin()));
  });
}
} // namespace

Value Converter<Value>::from_python(ValueRef in) {
  auto data = std::make_shared<detail::ValueData>();
  data->wire = detail::ValueAccess::wire(in);
  if (const detail::CallContext *context = detail::ValueAccess::context(in)) {
    data->context.worker = context->worker;
    data->context.session = context->session;
    data->context.received_segments = context->received_segments; // its arrays' memory
    if (!context->received.empty())
      detail::for_each_object(data->wire, [&](const v1::ObjectRef &ref) {
        data->context.received.emplace(ref.id(), context->received_object(ref.id()));
      });
  }
  return detail::ValueData::wrap(std::move(data));
}

void Converter<Value>::to_python(ValueBuilder out, const Value &value) {
  ValueRef in = value.ref();
  if (in.is_none())
    return out.set_none(); // a default Value has no wire kind set
  v1::Value &copy = detail::ValueAccess::wire(out);
  copy = detail::ValueAccess::wire(in);
  const detail::CallContext *from = detail::ValueAccess::context(in);
  detail::CallContext *to = detail::ValueAccess::context(out);
  if (from != nullptr && !from->received_segments.empty())
    lend_shared_arrays(copy, *from, to);
  if (from == nullptr || from->received.empty())
    return;
  if (to == nullptr)
    throw ConversionError("an object handle outside of a call");
  // Each object the copy names is held with its place in the request: the id there is the
  // one the object had when received, and is rewritten wherever the object is now.
  detail::for_each_object(
      copy, [&](v1::ObjectRef &ref) { to->hold(from->received_object(ref.id()), &ref); });
}

} // namespace pybridge
