// pybridge::Value::str(): Python's str() of a value, computed here for plain values (their
// repr as CPython prints it: python_repr.cpp) and by the worker for objects.
#include "pybridge.pb.h"
#include "python_repr.hpp"

#include <pybridge/pybridge.hpp>

#include <ostream>
#include <string>

namespace pybridge {

namespace {

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
    return detail::float_repr(wire.float_value());
  case Kind::Str:
    return top ? wire.str_value() : detail::str_repr(wire.str_value());
  case Kind::Bytes:
    return detail::bytes_repr(wire.bytes_value());
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
    return detail::complex_repr(wire.complex_value().real(), wire.complex_value().imag());
  case Kind::DateTime:
    return top ? detail::datetime_str(wire.datetime().epoch_us(), wire.datetime().has_tz())
               : detail::datetime_repr(wire.datetime().epoch_us(), wire.datetime().has_tz());
  case Kind::Duration:
    return top ? detail::duration_str(wire.timedelta().us())
               : detail::duration_repr(wire.timedelta().us());
  case Kind::Callback:
    return "<callable>";
  case Kind::DataFrame:
    return "<DataFrame of " + std::to_string(wire.data_frame().columns_size()) + " columns>";
  }
  return "?";
}

} // namespace

std::string Value::str() const { return format(ref(), true); }

std::ostream &operator<<(std::ostream &out, const Value &value) { return out << value.str(); }

} // namespace pybridge
