// pybridge::Value: an owned copy of a received value (with its objects), and
// Python's str().
#include "handle.hpp"
#include "pybridge.pb.h"
#include "shared_memory.hpp"
#include "shared_ref.hpp"
#include "trailer.hpp"

#include <pybridge/dataframe.hpp>
#include <pybridge/ndarray.hpp>
#include <pybridge/pybridge.hpp>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ostream>

namespace pybridge {
namespace detail {

/// The wire value and the objects it names (the context a ValueRef resolves
/// them in).
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

// -- Python's repr() of the plain kinds
// ------------------------------------------------------

/// repr(float): the shortest round-trip digits, positional for 1e-4 <= |x| <
/// 1e16.
std::string float_repr(double value, bool force_point = true) {
  if (std::isnan(value))
    return "nan";
  if (std::isinf(value))
    return value > 0 ? "inf" : "-inf";
  char buffer[64];
  auto end =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific).ptr;
  std::string_view text(buffer,
                        static_cast<std::size_t>(end - buffer)); // "-1.25e+02"
  std::string sign = text.front() == '-' ? "-" : "";
  if (!sign.empty())
    text.remove_prefix(1);
  auto e = text.find('e');
  int exponent = std::stoi(std::string(text.substr(e + 1)));
  std::string digits;
  for (char c : text.substr(0, e))
    if (c != '.')
      digits += c;
  if (exponent < -4 || exponent >= 16) {
    std::string mantissa = digits.substr(0, 1);
    if (digits.size() > 1)
      mantissa += "." + digits.substr(1);
    char exp[8];
    std::snprintf(exp, sizeof exp, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
    return sign + mantissa + exp;
  }
  if (exponent < 0)
    return sign + "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
  auto integer_digits = static_cast<std::size_t>(exponent) + 1;
  if (digits.size() <= integer_digits) {
    digits.append(integer_digits - digits.size(), '0');
    return sign + digits + (force_point ? ".0" : "");
  }
  return sign + digits.substr(0, integer_digits) + "." + digits.substr(integer_digits);
}

std::string complex_repr(double real, double imag) {
  std::string imag_text = float_repr(imag, false) + "j";
  if (real == 0 && !std::signbit(real))
    return imag_text;
  if (imag_text.front() != '-')
    imag_text = "+" + imag_text;
  return "(" + float_repr(real, false) + imag_text + ")";
}

/// repr(str) / repr(bytes): Python's choice of quotes and escapes.
std::string text_repr(std::string_view text, bool bytes) {
  bool has_single = text.find('\'') != std::string_view::npos;
  char quote = has_single && text.find('"') == std::string_view::npos ? '"' : '\'';
  std::string out = bytes ? "b" : "";
  out += quote;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (c == quote || c == '\\')
      out += {'\\', c};
    else if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (byte < 0x20 || byte == 0x7f || (bytes && byte > 0x7f)) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", byte);
      out += escaped;
    } else
      out += c;
  }
  return out + quote;
}

struct CivilTime {
  int year;
  unsigned month, day;
  std::int64_t hour, minute, second, micro;
};

CivilTime civil(std::int64_t epoch_us) {
  using namespace std::chrono;
  sys_time<microseconds> time{microseconds(epoch_us)};
  auto day = floor<days>(time);
  year_month_day date{day};
  std::int64_t in_day = (time - day).count();
  return {int(date.year()),       unsigned(date.month()),   unsigned(date.day()),
          in_day / 3'600'000'000, in_day / 60'000'000 % 60, in_day / 1'000'000 % 60,
          in_day % 1'000'000};
}

std::string datetime_str(std::int64_t epoch_us, bool aware) {
  CivilTime t = civil(epoch_us);
  char out[64];
  int n = std::snprintf(out, sizeof out, "%04d-%02u-%02u %02lld:%02lld:%02lld", t.year, t.month,
                        t.day, (long long)t.hour, (long long)t.minute, (long long)t.second);
  if (t.micro)
    n += std::snprintf(out + n, sizeof out - n, ".%06lld", (long long)t.micro);
  return std::string(out, static_cast<std::size_t>(n)) + (aware ? "+00:00" : "");
}

std::string datetime_repr(std::int64_t epoch_us, bool aware) {
  CivilTime t = civil(epoch_us);
  std::string out = "datetime.datetime(" + std::to_string(t.year) + ", " + std::to_string(t.month) +
                    ", " + std::to_string(t.day) + ", " + std::to_string(t.hour) + ", " +
                    std::to_string(t.minute);
  if (t.second || t.micro)
    out += ", " + std::to_string(t.second);
  if (t.micro)
    out += ", " + std::to_string(t.micro);
  return out + (aware ? ", tzinfo=datetime.timezone.utc)" : ")");
}

/// Python normalises a timedelta to days (may be negative) + seconds +
/// microseconds.
struct Delta {
  std::int64_t days, seconds, micro;
};
Delta normalise(std::int64_t us) {
  constexpr std::int64_t kDay = 86'400'000'000;
  std::int64_t days = us / kDay, rest = us % kDay;
  if (rest < 0)
    rest += kDay, --days;
  return {days, rest / 1'000'000, rest % 1'000'000};
}

std::string duration_str(std::int64_t us) {
  Delta d = normalise(us);
  std::string out;
  if (d.days)
    out = std::to_string(d.days) + (std::abs(d.days) == 1 ? " day, " : " days, ");
  char clock[32];
  int n = std::snprintf(clock, sizeof clock, "%lld:%02lld:%02lld", (long long)(d.seconds / 3600),
                        (long long)(d.seconds / 60 % 60), (long long)(d.seconds % 60));
  if (d.micro)
    n += std::snprintf(clock + n, sizeof clock - n, ".%06lld", (long long)d.micro);
  return out + std::string(clock, static_cast<std::size_t>(n));
}

std::string duration_repr(std::int64_t us) {
  Delta d = normalise(us);
  std::string out;
  auto field = [&](const char *name, std::int64_t value) {
    if (!value)
      return;
    out += (out.empty() ? "" : ", ") + std::string(name) + "=" + std::to_string(value);
  };
  field("days", d.days);
  field("seconds", d.seconds);
  field("microseconds", d.micro);
  return "datetime.timedelta(" + (out.empty() ? "0" : out) + ")";
}

std::string format(ValueRef value, bool top);

std::string items(ValueRef value, const char *open, const char *close) {
  std::string out = open;
  for (std::size_t i = 0, n = value.size(); i < n; ++i)
    out += (i ? ", " : "") + format(value.item(i), false);
  return out + close;
}

/// str(value) when `top`, else repr(value) (what str() of a container prints
/// for its items).
std::string format(ValueRef value, bool top) {
  const v1::Value &wire = detail::ValueAccess::wire(value);
  switch (value.kind()) {
  case Kind::None:
    return "None";
  case Kind::Bool:
    return wire.bool_value() ? "True" : "False";
  case Kind::Int:
    return std::to_string(wire.int_value());
  case Kind::BigInt:
    return wire.big_int();
  case Kind::Float:
    return float_repr(wire.float_value());
  case Kind::Str:
    return top ? wire.str_value() : text_repr(wire.str_value(), false);
  case Kind::Bytes:
    return text_repr(wire.bytes_value(), true);
  case Kind::List:
    return items(value, "[", "]");
  case Kind::Tuple:
    return value.size() == 1 ? "(" + format(value.item(0), false) + ",)" : items(value, "(", ")");
  case Kind::Set:
    return value.size() == 0 ? "set()" : items(value, "{", "}");
  case Kind::Dict: {
    std::string out = "{";
    for (std::size_t i = 0, n = value.size(); i < n; ++i)
      out += (i ? ", " : "") + format(value.key(i), false) + ": " + format(value.value(i), false);
    return out + "}";
  }
  case Kind::Object:
    return top ? value.as_object().str() : value.as_object().repr();
  case Kind::NDArray: {
    std::string out = "<ndarray " + std::string(value.dtype()) + " (";
    for (std::size_t axis = 0; axis < value.ndim(); ++axis)
      out += (axis ? ", " : "") + std::to_string(value.dim(axis));
    return out + (value.ndim() == 1 ? ",)>" : ")>");
  }
  case Kind::Complex:
    return complex_repr(wire.complex_value().real(), wire.complex_value().imag());
  case Kind::DateTime:
    return top ? datetime_str(wire.datetime().epoch_us(), wire.datetime().has_tz())
               : datetime_repr(wire.datetime().epoch_us(), wire.datetime().has_tz());
  case Kind::Duration:
    return top ? duration_str(wire.timedelta().us()) : duration_repr(wire.timedelta().us());
  case Kind::Callback:
    return "<callable>";
  case Kind::DataFrame:
    return "<DataFrame of " + std::to_string(wire.data_frame().columns_size()) + " columns>";
  }
  return "?";
}

} // namespace

Value::Value() noexcept = default;

Kind Value::kind() const noexcept { return ref().kind(); }

ValueRef Value::ref() const noexcept {
  const detail::ValueData *data = data_.get();
  if (!data)
    return detail::ValueAccess::ref(none_value(), nullptr);
  return detail::ValueAccess::ref(data->wire, const_cast<detail::CallContext *>(&data->context));
}

std::string Value::str() const { return format(ref(), true); }

std::ostream &operator<<(std::ostream &out, const Value &value) { return out << value.str(); }

namespace {
/// The arrays of `copy` in segments `from` received are sent from the same segments (or
/// copied into the value when `to` is no call).
void lend_shared_arrays(v1::Value &copy, detail::CallContext &from, detail::CallContext *to) {
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
  if (detail::CallContext *context = detail::ValueAccess::context(in)) {
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
  detail::CallContext *from = detail::ValueAccess::context(in);
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
