#include "trailer.hpp"

#include "shared_memory.hpp"
#include "value_walk.hpp"

#include <pybridge/errors.hpp>

#include <algorithm>

namespace pybridge::detail {

namespace {
template <class F> void for_each_array(v1::Value &value, const F &visit) {
  walk_values(value, [&](v1::Value &part) {
    if (part.has_ndarray())
      visit(*part.mutable_ndarray());
  });
}

template <class F>
void for_each_array(google::protobuf::RepeatedPtrField<v1::Argument> &arguments, const F &visit) {
  for (auto &argument : arguments)
    if (argument.has_value()) // looking must not add a value
      for_each_array(*argument.mutable_value(), visit);
}

/// The value a reply, stream item or callback request carries (null: none).
v1::Value *carried_value(v1::Frame &frame) {
  if (frame.has_reply() && frame.reply().has_result()) // looking must not add a value
    return frame.mutable_reply()->mutable_result();
  if (frame.has_item() && frame.item().has_item())
    return frame.mutable_item()->mutable_item();
  if (frame.has_callback() && frame.callback().has_args())
    return frame.mutable_callback()->mutable_args();
  return nullptr;
}

/// Calls `visit` for every array a frame carries (a call's arguments, a carried value).
template <class F> void for_each_array(v1::Frame &frame, const F &visit) {
  if (frame.has_call())
    for_each_array(*frame.mutable_call()->mutable_args(), visit);
  else if (v1::Value *value = carried_value(frame))
    for_each_array(*value, visit);
}
} // namespace

std::size_t detach_trailer(v1::Frame &frame, std::vector<std::string> &parts) {
  std::size_t total = 0;
  for_each_array(frame, [&](v1::NDArray &array) {
    if (array.data().size() < kTrailerMinBytes)
      return;
    parts.emplace_back().swap(*array.mutable_data());
    array.mutable_trailer()->set_offset(total);
    array.mutable_trailer()->set_size(parts.back().size());
    total += parts.back().size();
  });
  return total;
}

void reattach_trailer(v1::Frame &frame, std::vector<std::string> &parts) noexcept {
  std::size_t next = 0;
  for_each_array(frame, [&](v1::NDArray &array) {
    if (!array.has_trailer() || next >= parts.size())
      return;
    array.mutable_data()->swap(parts[next++]);
    array.clear_trailer();
  });
  parts.clear();
}

std::vector<v1::NDArray *> trailer_arrays(v1::Frame &frame, std::uint64_t trailer_size) {
  std::vector<v1::NDArray *> arrays;
  for_each_array(frame, [&](v1::NDArray &array) {
    if (array.has_trailer())
      arrays.push_back(&array);
  });
  std::sort(arrays.begin(), arrays.end(), [](const v1::NDArray *a, const v1::NDArray *b) {
    return a->trailer().offset() < b->trailer().offset();
  });
  std::uint64_t expected = 0;
  for (const auto *array : arrays) {
    if (array->trailer().offset() != expected ||
        array->trailer().size() > trailer_size - expected || !array->data().empty())
      throw ProtocolError("the worker sent a frame whose array spans do not tile its trailer");
    expected += array->trailer().size();
  }
  if (expected != trailer_size)
    throw ProtocolError("the worker sent a frame whose trailer size does not match its arrays");
  return arrays;
}

namespace {
/// The segment of a shared array, checked to hold its span.
const SharedMemory &segment_of(const v1::NDArray &array, const Segments &segments) {
  const v1::SharedSpan &span = array.shared();
  if (span.segment() >= segments.size() || !segments[span.segment()] ||
      span.offset() > segments[span.segment()]->size() ||
      span.size() > segments[span.segment()]->size() - span.offset() || !array.data().empty())
    throw ProtocolError("a frame names an array in shared memory outside its segments");
  return *segments[span.segment()];
}
} // namespace

void for_each_shared_array(v1::Value &value, const std::function<void(v1::NDArray &)> &visit) {
  for_each_array(value, [&](v1::NDArray &array) {
    if (array.has_shared())
      visit(array);
  });
}

void check_shared_arrays(v1::Frame &frame, const Segments &segments) {
  for_each_array(frame, [&](v1::NDArray &array) {
    if (array.has_shared())
      segment_of(array, segments);
  });
}

void inline_shared_arrays(v1::Frame &frame, const Segments &segments) {
  for_each_array(frame, [&](v1::NDArray &array) {
    if (!array.has_shared())
      return;
    const SharedMemory &segment = segment_of(array, segments);
    array.set_data(segment.data() + array.shared().offset(), array.shared().size());
    array.clear_shared();
  });
  frame.clear_segments();
}

} // namespace pybridge::detail
