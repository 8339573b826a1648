// ValueBuilder: writes one Python value into the wire's Value message of an outgoing call.
#include "handle.hpp"
#include "large_buffer.hpp"
#include "ndarray_access.hpp"
#include "pybridge.pb.h"
#include "shared_ref.hpp"
#include "text.hpp"
#include "value_walk.hpp"

#include <pybridge/convert.hpp>
#include <pybridge/value.hpp>

#include <algorithm>
#include <cstring>
#include <string>

namespace pybridge {

void ValueBuilder::set_none() { value_->mutable_none(); }
void ValueBuilder::set_bool(bool value) { value_->set_bool_value(value); }
void ValueBuilder::set_int(std::int64_t value) { value_->set_int_value(value); }
void ValueBuilder::set_big_int(std::string_view decimal) {
  std::string_view digits = decimal.starts_with('-') ? decimal.substr(1) : decimal;
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos)
    throw ConversionError("set_big_int() takes decimal digits, not '" +
                          std::string(decimal.substr(0, 40)) + "'");
  value_->set_big_int(std::string(decimal));
}
void ValueBuilder::set_float(double value) { value_->set_float_value(value); }
void ValueBuilder::set_str(std::string_view value) {
  detail::require_utf8(value, "a std::string");
  value_->set_str_value(std::string(value));
}
void ValueBuilder::set_bytes(std::string_view value) {
  value_->set_bytes_value(std::string(value));
}
void ValueBuilder::set_complex(double real, double imag) {
  auto *complex = value_->mutable_complex_value();
  complex->set_real(real);
  complex->set_imag(imag);
}
void ValueBuilder::set_datetime(std::int64_t epoch_us, bool has_timezone) {
  auto *datetime = value_->mutable_datetime();
  datetime->set_epoch_us(epoch_us);
  datetime->set_has_tz(has_timezone);
}
void ValueBuilder::set_duration(std::int64_t us) { value_->mutable_timedelta()->set_us(us); }

void ValueBuilder::set_object(const Object &object) {
  const auto &handle = detail::held(detail::ObjectAccess::handle(object));
  if (!handle)
    return set_none();
  if (context_ == nullptr)
    throw ConversionError("an object handle outside of a call");
  auto *ref = value_->mutable_object();
  ref->set_type_name(handle->type_name);
  context_->hold(handle, ref); // its id is written once the call knows its worker
}

void ValueBuilder::start_container() const {
  if (depth_ >= v1::MAX_VALUE_DEPTH)
    throw ConversionError("a value nesting containers deeper than " +
                          std::to_string(v1::MAX_VALUE_DEPTH) +
                          " levels cannot be sent to Python (the wire's limit)");
}

void ValueBuilder::set_list(std::size_t reserve) {
  start_container();
  value_->mutable_list_value()->mutable_items()->Reserve(static_cast<int>(reserve));
}
void ValueBuilder::set_tuple(std::size_t reserve) {
  start_container();
  value_->mutable_tuple_value()->mutable_items()->Reserve(static_cast<int>(reserve));
}
void ValueBuilder::set_set(std::size_t reserve) {
  start_container();
  value_->mutable_set_value()->mutable_items()->Reserve(static_cast<int>(reserve));
}

ValueBuilder ValueBuilder::append() {
  v1::ValueList *items = detail::sequence_of(*value_);
  if (items == nullptr)
    throw ConversionError("append() on a value that is not a list, tuple or set");
  return {*items->add_items(), context_, depth_ + 1};
}

void ValueBuilder::set_dict(std::size_t reserve) {
  start_container();
  auto *dict = value_->mutable_dict_value();
  dict->mutable_keys()->Reserve(static_cast<int>(reserve));
  dict->mutable_values()->Reserve(static_cast<int>(reserve));
}

std::pair<ValueBuilder, ValueBuilder> ValueBuilder::insert() {
  if (value_->kind_case() != v1::Value::kDictValue)
    throw ConversionError("insert() on a value that is not a dict");
  auto *dict = value_->mutable_dict_value();
  return {ValueBuilder(*dict->add_keys(), context_, depth_ + 1),
          ValueBuilder(*dict->add_values(), context_, depth_ + 1)};
}

void ValueBuilder::set_ndarray(std::string_view dtype, const std::int64_t *shape, std::size_t ndim,
                               const void *data, std::size_t bytes) {
  detail::require_utf8(dtype, "an ndarray's dtype");
  auto *array = value_->mutable_ndarray();
  array->set_dtype(std::string(dtype));
  array->mutable_shape()->Add(shape, shape + ndim);
  std::string *copy = array->mutable_data();
  detail::reserve_large(*copy,
                        bytes); // huge pages: faulting in 4 KiB pages costs more than copying
  copy->assign(static_cast<const char *>(data), bytes);
}

void ValueBuilder::set_ndarray(const NDArray &array) {
  using detail::NDArrayAccess;
  std::size_t bytes = array.nbytes();
  if (bytes < detail::kSharedMinBytes || !context_ ||
      context_->sent_segments.size() >= detail::kMaxSegmentsPerFrame)
    return set_ndarray(array.dtype(), array.shape().data(), array.ndim(), array.data(), bytes);
  detail::require_utf8(array.dtype(), "an ndarray's dtype");
  std::shared_ptr<detail::SharedMemory> segment = NDArrayAccess::segment(array);
  std::size_t offset = segment ? NDArrayAccess::offset(array) : 0;
  if (!segment) { // elements in a string: copied once, into shared memory
    segment = detail::SharedMemory::create(bytes);
    std::memcpy(segment->data(), array.data(), bytes);
  }
  auto &segments = context_->sent_segments;
  auto found = std::find(segments.begin(), segments.end(), segment);
  if (found == segments.end())
    found = segments.insert(found, std::move(segment));
  auto *wire = value_->mutable_ndarray();
  wire->set_dtype(array.dtype());
  wire->mutable_shape()->Add(array.shape().begin(), array.shape().end());
  wire->mutable_shared()->set_segment(static_cast<std::uint32_t>(found - segments.begin()));
  wire->mutable_shared()->set_offset(offset);
  wire->mutable_shared()->set_size(bytes);
}

} // namespace pybridge
