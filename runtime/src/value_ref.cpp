// ValueRef: reads one Python value of a reply (the wire's Value message) for a Converter.
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

namespace {
/// The wire value of `ref` when it is of `kind`, else the mismatch error naming `what`.
const v1::Value &expect(const ValueRef &ref, Kind kind, const char *what) {
  if (ref.kind() != kind)
    ref.mismatch(what);
  return detail::ValueAccess::wire(ref);
}
} // namespace

bool ValueRef::as_bool() const { return expect(*this, Kind::Bool, "bool").bool_value(); }

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

std::string_view ValueRef::as_str() const { return expect(*this, Kind::Str, "str").str_value(); }

std::string_view ValueRef::as_bytes() const {
  return expect(*this, Kind::Bytes, "bytes").bytes_value();
}

std::pair<double, double> ValueRef::as_complex() const {
  if (kind() == Kind::Complex)
    return {value_->complex_value().real(), value_->complex_value().imag()};
  if (kind() == Kind::Float || kind() == Kind::Int)
    return {as_float(), 0.0};
  mismatch("complex");
}

std::int64_t ValueRef::as_epoch_us() const {
  return expect(*this, Kind::DateTime, "datetime").datetime().epoch_us();
}

bool ValueRef::has_timezone() const {
  return expect(*this, Kind::DateTime, "datetime").datetime().has_tz();
}

std::int64_t ValueRef::as_duration_us() const {
  return expect(*this, Kind::Duration, "timedelta").timedelta().us();
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
  if (const v1::ValueList *items = detail::sequence_of(*value_))
    return items->items_size();
  if (kind() == Kind::Dict)
    return dict_of(*value_).keys_size();
  mismatch("a container");
}

ValueRef ValueRef::item(std::size_t index) const {
  const v1::ValueList *items = detail::sequence_of(*value_);
  if (items == nullptr)
    mismatch("a sequence");
  if (index >= static_cast<std::size_t>(items->items_size()))
    throw ConversionError("item " + std::to_string(index) + " of a " + kind_name(kind()) +
                          " of size " + std::to_string(items->items_size()));
  return {items->items(static_cast<int>(index)), context_};
}

ValueRef ValueRef::key(std::size_t index) const {
  const v1::DictValue &dict = dict_of(expect(*this, Kind::Dict, "a dict"));
  if (index >= static_cast<std::size_t>(dict.keys_size()))
    out_of_range(index, "key", dict.keys_size());
  return {dict.keys(static_cast<int>(index)), context_};
}

ValueRef ValueRef::value(std::size_t index) const {
  const v1::DictValue &dict = dict_of(expect(*this, Kind::Dict, "a dict"));
  if (index >= static_cast<std::size_t>(dict.values_size()))
    out_of_range(index, "value", dict.values_size());
  return {dict.values(static_cast<int>(index)), context_};
}

std::string_view ValueRef::dtype() const {
  return expect(*this, Kind::NDArray, "a numpy array").ndarray().dtype();
}

std::size_t ValueRef::ndim() const {
  return static_cast<std::size_t>(
      expect(*this, Kind::NDArray, "a numpy array").ndarray().shape_size());
}

std::int64_t ValueRef::dim(std::size_t axis) const {
  if (axis >= ndim())
    throw ConversionError("axis " + std::to_string(axis) + " out of range");
  return value_->ndarray().shape(static_cast<int>(axis));
}

namespace {
/// The segment a received shared array is in (NDArray.shared).
const std::shared_ptr<detail::SharedMemory> &segment_of(const v1::NDArray &array,
                                                        const detail::CallContext *context) {
  std::uint32_t index = array.shared().segment();
  if (!context || index >= context->received_segments.size())
    throw ProtocolError("an array in shared memory outside of the reply it came with");
  return context->received_segments[index]; // its span was checked when the frame arrived
}
} // namespace

std::string_view ValueRef::raw_data() const {
  const v1::NDArray &array = expect(*this, Kind::NDArray, "a numpy array").ndarray();
  if (!array.has_shared())
    return array.data();
  return {segment_of(array, context_)->data() + array.shared().offset(), array.shared().size()};
}

// -- conversion helpers used by the header templates ----------------------------------------

namespace detail {

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

namespace detail {
namespace {
std::string copy_data(const v1::NDArray &array) {
  std::string copy;
  reserve_large(copy, array.data().size()); // huge pages: faulting in 4 KiB pages costs more
  copy.assign(array.data());
  return copy;
}
} // namespace

std::string OwnedReply::take_data(const v1::NDArray &array) const {
  if (reply_ && !indexed_) {
    walk_values(*reply_, [&](v1::Value &part) {
      if (part.has_ndarray())
        arrays_.emplace(&part.ndarray(), part.mutable_ndarray());
    });
    indexed_ = true;
  }
  if (auto found = arrays_.find(&array); found != arrays_.end()) {
    std::string data = std::move(*found->second->mutable_data());
    arrays_.erase(found); // taken: a second read copies what is left (nothing)
    return data;
  }
  return copy_data(array);
}
} // namespace detail

NDArray Converter<NDArray>::from_python(ValueRef in) {
  if (in.kind() != Kind::NDArray)
    in.mismatch("a numpy array");
  const v1::NDArray &array = detail::ValueAccess::wire(in).ndarray();
  std::vector<std::int64_t> shape(array.shape().begin(), array.shape().end());
  const detail::CallContext *context = detail::ValueAccess::context(in);
  if (!array.has_shared()) // copied from a value others share, moved from the call's own
    return NDArray(std::string(in.dtype()), std::move(shape),
                   context ? context->owned_reply.take_data(array) : detail::copy_data(array));
  // A view of the segment the reply came with: no copy. Values others share (a
  // pybridge::Value) are copied, so writing to the array changes nobody else's.
  const v1::SharedSpan &span = array.shared();
  NDArray view =
      detail::NDArrayAccess::view(std::string(in.dtype()), std::move(shape),
                                  segment_of(array, context), span.offset(), span.size());
  if (context->owned_reply)
    return view;
  return NDArray(view);
}

} // namespace pybridge
