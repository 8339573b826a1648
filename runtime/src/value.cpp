// ValueRef and ValueBuilder over the wire's Value message.
#include "handle.hpp"
#include "large_buffer.hpp"
#include "ndarray_access.hpp"
#include "pybridge.pb.h"
#include "shared_ref.hpp"
#include "text.hpp"

#include <pybridge/convert.hpp>
#include <pybridge/value.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

namespace pybridge {

const char *kind_name(Kind kind) noexcept {
  switch (kind) {
  case Kind::None:
    return "None";
  case Kind::Bool:
    return "bool";
  case Kind::Int:
    return "int";
  case Kind::BigInt:
    return "int";
  case Kind::Float:
    return "float";
  case Kind::Str:
    return "str";
  case Kind::Bytes:
    return "bytes";
  case Kind::List:
    return "list";
  case Kind::Tuple:
    return "tuple";
  case Kind::Set:
    return "set";
  case Kind::Dict:
    return "dict";
  case Kind::Object:
    return "object";
  case Kind::NDArray:
    return "numpy.ndarray";
  case Kind::Complex:
    return "complex";
  case Kind::DateTime:
    return "datetime";
  case Kind::Duration:
    return "timedelta";
  case Kind::Callback:
    return "callable";
  case Kind::DataFrame:
    return "pandas.DataFrame";
  }
  return "value";
}

Kind ValueRef::kind() const noexcept {
  switch (value_->kind_case()) {
  case v1::Value::kBoolValue:
    return Kind::Bool;
  case v1::Value::kIntValue:
    return Kind::Int;
  case v1::Value::kBigInt:
    return Kind::BigInt;
  case v1::Value::kFloatValue:
    return Kind::Float;
  case v1::Value::kStrValue:
    return Kind::Str;
  case v1::Value::kBytesValue:
    return Kind::Bytes;
  case v1::Value::kListValue:
    return Kind::List;
  case v1::Value::kTupleValue:
    return Kind::Tuple;
  case v1::Value::kSetValue:
    return Kind::Set;
  case v1::Value::kDictValue:
    return Kind::Dict;
  case v1::Value::kObject:
    return Kind::Object;
  case v1::Value::kNdarray:
    return Kind::NDArray;
  case v1::Value::kComplexValue:
    return Kind::Complex;
  case v1::Value::kDatetime:
    return Kind::DateTime;
  case v1::Value::kTimedelta:
    return Kind::Duration;
  case v1::Value::kCallback:
    return Kind::Callback;
  case v1::Value::kDataFrame:
    return Kind::DataFrame;
  case v1::Value::kNone:
  case v1::Value::KIND_NOT_SET:
    return Kind::None;
  }
  return Kind::None;
}

void ValueRef::mismatch(const char *what) const {
  std::string got = kind_name(kind());
  if (kind() == Kind::Object)
    got = "'" + value_->object().type_name() + "' object";
  throw ConversionError(std::string("expected ") + what + " from Python, got " + got);
}

bool ValueRef::as_bool() const {
  if (kind() != Kind::Bool)
    mismatch("bool");
  return value_->bool_value();
}

std::int64_t ValueRef::as_int() const {
  switch (kind()) {
  case Kind::Int:
    return value_->int_value();
  case Kind::BigInt:
    detail::throw_out_of_range(value_->big_int(), "int64_t");
  default:
    mismatch("int");
  }
}

std::string_view ValueRef::as_big_int() const {
  if (kind() == Kind::BigInt)
    return value_->big_int();
  mismatch("int");
}

namespace {
/// A Python int beyond int64 as a double, when the double holds it exactly (2**70 does).
double big_int_as_double(const std::string &text) {
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  char exact[400]; // DBL_MAX has 309 digits
  if (error == std::errc() && end == text.data() + text.size() && std::isfinite(value) &&
      std::snprintf(exact, sizeof exact, "%.0f", value) > 0 && text == exact)
    return value;
  throw ConversionError("Python int " + text + " has no exact double representation");
}
} // namespace

double ValueRef::as_float() const {
  switch (kind()) {
  case Kind::Float:
    return value_->float_value();
  case Kind::BigInt:
    return big_int_as_double(value_->big_int());
  case Kind::Int: {
    std::int64_t value = value_->int_value();
    double converted = static_cast<double>(value);
    // 2^63 rounds up and would overflow the comparison's cast back.
    if (converted >= 0x1p63 || static_cast<std::int64_t>(converted) != value)
      throw ConversionError("Python int " + std::to_string(value) +
                            " has no exact double representation");
    return converted;
  }
  default:
    mismatch("float");
  }
}

std::string_view ValueRef::as_str() const {
  if (kind() != Kind::Str)
    mismatch("str");
  return value_->str_value();
}

std::string_view ValueRef::as_bytes() const {
  if (kind() != Kind::Bytes)
    mismatch("bytes");
  return value_->bytes_value();
}

std::pair<double, double> ValueRef::as_complex() const {
  if (kind() == Kind::Complex)
    return {value_->complex_value().real(), value_->complex_value().imag()};
  if (kind() == Kind::Float || kind() == Kind::Int)
    return {as_float(), 0.0};
  mismatch("complex");
}

std::int64_t ValueRef::as_epoch_us() const {
  if (kind() != Kind::DateTime)
    mismatch("datetime");
  return value_->datetime().epoch_us();
}

bool ValueRef::has_timezone() const {
  if (kind() != Kind::DateTime)
    mismatch("datetime");
  return value_->datetime().has_tz();
}

std::int64_t ValueRef::as_duration_us() const {
  if (kind() != Kind::Duration)
    mismatch("timedelta");
  return value_->timedelta().us();
}

Object ValueRef::as_object() const {
  if (kind() == Kind::None)
    return Object();
  if (kind() != Kind::Object)
    mismatch("an object");
  if (context_ == nullptr)
    throw ConversionError("an object handle outside of a call");
  Object object;
  detail::ObjectAccess::reset(object,
                              detail::shared_ref(context_->received_object(value_->object().id())));
  return object;
}

namespace {
const v1::ValueList *items_of(const v1::Value &value) {
  switch (value.kind_case()) {
  case v1::Value::kListValue:
    return &value.list_value();
  case v1::Value::kTupleValue:
    return &value.tuple_value();
  case v1::Value::kSetValue:
    return &value.set_value();
  default:
    return nullptr;
  }
}
} // namespace

namespace {
/// A dict's keys and values: two lists the sender must keep the same length.
const v1::DictValue &dict_of(const v1::Value &value) {
  const v1::DictValue &dict = value.dict_value();
  if (dict.keys_size() != dict.values_size())
    throw ProtocolError("a dict with " + std::to_string(dict.keys_size()) + " keys and " +
                        std::to_string(dict.values_size()) + " values");
  return dict;
}

[[noreturn]] void out_of_range(std::size_t index, const char *what, int size) {
  throw ConversionError(std::string(what) + " " + std::to_string(index) + " of a dict of size " +
                        std::to_string(size));
}
} // namespace

std::size_t ValueRef::size() const {
  if (const v1::ValueList *items = items_of(*value_))
    return items->items_size();
  if (kind() == Kind::Dict)
    return dict_of(*value_).keys_size();
  mismatch("a container");
}

ValueRef ValueRef::item(std::size_t index) const {
  const v1::ValueList *items = items_of(*value_);
  if (items == nullptr)
    mismatch("a sequence");
  if (index >= static_cast<std::size_t>(items->items_size()))
    throw ConversionError("item " + std::to_string(index) + " of a " + kind_name(kind()) +
                          " of size " + std::to_string(items->items_size()));
  return {items->items(static_cast<int>(index)), context_};
}

ValueRef ValueRef::key(std::size_t index) const {
  if (kind() != Kind::Dict)
    mismatch("a dict");
  const v1::DictValue &dict = dict_of(*value_);
  if (index >= static_cast<std::size_t>(dict.keys_size()))
    out_of_range(index, "key", dict.keys_size());
  return {dict.keys(static_cast<int>(index)), context_};
}

ValueRef ValueRef::value(std::size_t index) const {
  if (kind() != Kind::Dict)
    mismatch("a dict");
  const v1::DictValue &dict = dict_of(*value_);
  if (index >= static_cast<std::size_t>(dict.values_size()))
    out_of_range(index, "value", dict.values_size());
  return {dict.values(static_cast<int>(index)), context_};
}

std::string_view ValueRef::dtype() const {
  if (kind() != Kind::NDArray)
    mismatch("a numpy array");
  return value_->ndarray().dtype();
}

std::size_t ValueRef::ndim() const {
  if (kind() != Kind::NDArray)
    mismatch("a numpy array");
  return static_cast<std::size_t>(value_->ndarray().shape_size());
}

std::int64_t ValueRef::dim(std::size_t axis) const {
  if (axis >= ndim())
    throw ConversionError("axis " + std::to_string(axis) + " out of range");
  return value_->ndarray().shape(static_cast<int>(axis));
}

namespace {
/// The segment a received shared array is in (NDArray.shared).
const std::shared_ptr<detail::SharedMemory> &segment_of(const v1::NDArray &array,
                                                        detail::CallContext *context) {
  std::uint32_t index = array.shared().segment();
  if (!context || index >= context->received_segments.size())
    throw ProtocolError("an array in shared memory outside of the reply it came with");
  return context->received_segments[index]; // its span was checked when the frame arrived
}
} // namespace

std::string_view ValueRef::raw_data() const {
  if (kind() != Kind::NDArray)
    mismatch("a numpy array");
  const v1::NDArray &array = value_->ndarray();
  if (!array.has_shared())
    return array.data();
  return {segment_of(array, context_)->data() + array.shared().offset(), array.shared().size()};
}

// -- ValueBuilder ---------------------------------------------------------------------------

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
  v1::ValueList *items = nullptr;
  switch (value_->kind_case()) {
  case v1::Value::kListValue:
    items = value_->mutable_list_value();
    break;
  case v1::Value::kTupleValue:
    items = value_->mutable_tuple_value();
    break;
  case v1::Value::kSetValue:
    items = value_->mutable_set_value();
    break;
  default:
    throw ConversionError("append() on a value that is not a list, tuple or set");
  }
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

// -- conversion helpers used by the header templates ----------------------------------------

namespace detail {

namespace {
/// The length of the longest UTF-8 prefix of `text`, by protobuf's own rule: the one a
/// worker's parser applies to every string it reads.
std::size_t utf8_prefix(std::string_view text) noexcept {
  return static_cast<std::size_t>(google::protobuf::internal::UTF8SpnStructurallyValid(
      google::protobuf::StringPiece(text.data(), text.size())));
}
} // namespace

bool is_utf8(std::string_view text) noexcept { return utf8_prefix(text) >= text.size(); }

void require_utf8(std::string_view text, std::string_view what) {
  std::size_t valid = utf8_prefix(text);
  if (valid >= text.size())
    return;
  char byte[8];
  std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[valid]));
  throw ConversionError(std::string(what) + " that is not UTF-8 text (byte " + byte +
                        " at offset " + std::to_string(valid) +
                        ") cannot become a Python str; pass binary data as pybridge::Bytes");
}

void throw_out_of_range(std::string_view value, const char *cpp_type) {
  throw ConversionError("Python int " + std::string(value) + " does not fit in " + cpp_type);
}

void throw_size_mismatch(std::size_t expected, std::size_t got) {
  throw ConversionError("expected a tuple of " + std::to_string(expected) +
                        " items from Python, got " + std::to_string(got));
}

void throw_float_out_of_range(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  throw ConversionError(std::string("Python float ") + text + " does not fit in float");
}

void throw_sub_microsecond() {
  throw ConversionError("a std::chrono value with sub-microsecond precision has no exact Python "
                        "datetime/timedelta (microseconds); round it first, e.g. "
                        "std::chrono::floor<std::chrono::microseconds>(t)");
}

void throw_time_out_of_range(std::int64_t us) {
  throw ConversionError("Python time of " + std::to_string(us) +
                        " us is outside the range of the std::chrono type (nanosecond "
                        "time_points hold the years 1677 to 2262)");
}

void throw_time_out_of_range_us() {
  throw ConversionError("a std::chrono value outside the range of Python's microseconds "
                        "(int64)");
}

void throw_inexact_time(std::int64_t us) {
  throw ConversionError("Python time of " + std::to_string(us) +
                        " us would round in the coarser std::chrono type");
}

void throw_array_mismatch(std::string_view dtype, std::string_view got_dtype,
                          std::size_t got_ndim) {
  throw ConversionError("expected a 1-D array of " + std::string(dtype) + " from Python, got a " +
                        std::to_string(got_ndim) + "-D array of " + std::string(got_dtype));
}

std::string big_int_text(std::uint64_t value) { return std::to_string(value); }

} // namespace detail

NDArray Converter<NDArray>::from_python(ValueRef in) {
  if (in.kind() != Kind::NDArray)
    in.mismatch("a numpy array");
  const v1::Value &wire = detail::ValueAccess::wire(in);
  const auto &shape = wire.ndarray().shape();
  std::string data;
  detail::CallContext *context = detail::ValueAccess::context(in);
  if (wire.ndarray().has_shared()) {
    // A view of the segment the reply came with: no copy. Values others share (a
    // pybridge::Value) are copied, so writing to the array changes nobody else's.
    const v1::SharedSpan &span = wire.ndarray().shared();
    NDArray view = detail::NDArrayAccess::view(
        std::string(in.dtype()), {shape.begin(), shape.end()}, segment_of(wire.ndarray(), context),
        span.offset(), span.size());
    if (context->reply_owned)
      return view;
    return NDArray(view);
  }
  if (context && context->reply_owned) {
    // The call's own reply, converted once: its buffer moves into the array.
    data = std::move(*const_cast<v1::Value &>(wire).mutable_ndarray()->mutable_data());
  } else {
    // Shared (a cache entry, a pybridge::Value): copied, so every reader gets the data.
    detail::reserve_large(data, wire.ndarray().data().size());
    data.assign(wire.ndarray().data());
  }
  return NDArray(std::string(in.dtype()), {shape.begin(), shape.end()}, std::move(data));
}

} // namespace pybridge
