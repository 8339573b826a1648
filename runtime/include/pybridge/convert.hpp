// Converter<T>: how a C++ type becomes a Python value and back. PyBridge converts the types
// of the mapping table in docs/type-mapping.md; specialize Converter for your own types:
//
//   template <> struct pybridge::Converter<Point> {
//     static constexpr const char *python_type = "tuple[float, float]";
//     static constexpr const char *python_accepts = "tuple[float, float]";
//     static void to_python(pybridge::ValueBuilder out, const Point &p) {
//       out.set_tuple(2);
//       out.append().set_float(p.x);
//       out.append().set_float(p.y);
//     }
//     static Point from_python(pybridge::ValueRef in) {
//       return {in.item(0).as_float(), in.item(1).as_float()};
//     }
//   };
//
// Each Converter states the Python types it stands for; the compiler plugin reads these
// statements to check stubs, so what it accepts is what the runtime converts:
//   python_type     the Python type of what to_python sends
//   python_accepts  the Python types from_python takes (a union: "float | int")
//   python_args     a pybridge::TypeList of the C++ types whose Python types `@0`, `@1`, ...
//                   stand for in the statements; `@*` is all of them, comma-separated
//                   (`@1*` from the second on), and `@|` their union. Inside a Callable's
//                   parameter list (`Callable[[@1*], @0]`) they stand for what the types'
//                   Converters take, not send: Python passes those values to C++
// Statements are Python annotations with the names docs/descriptor-format.md uses
// ("list[@0]", "datetime.datetime", "mylib.Point"). A Converter without statements is
// accepted for any Python type and checked only at run time.
#pragma once

#include <pybridge/detail/shapes.hpp>
#include <pybridge/errors.hpp>
#include <pybridge/object.hpp>
#include <pybridge/value.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <ratio>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace pybridge {
#pragma GCC visibility push(default) // exported by the runtime (runtime/CMakeLists.txt)

/// Raw bytes (Python `bytes`).
using Bytes = std::vector<std::byte>;

/// The C++ types a Converter's statements refer to as `@0`, `@1`, ...
template <class... T> struct TypeList {};

template <class T, class Enable = void> struct Converter {
  static_assert(sizeof(T) == 0,
                "pybridge: no Converter for this type; specialize pybridge::Converter<T> "
                "(see pybridge/convert.hpp)");
};

namespace detail {
[[noreturn]] void throw_out_of_range(std::string_view value, const char *cpp_type);
[[noreturn]] void throw_size_mismatch(std::size_t expected, std::size_t got);
[[noreturn]] void throw_float_out_of_range(double value);
[[noreturn]] void throw_sub_microsecond();
[[noreturn]] void throw_inexact_time(std::int64_t us);
[[noreturn]] void throw_time_out_of_range(std::int64_t us);
[[noreturn]] void throw_time_out_of_range_us();
[[noreturn]] void throw_array_mismatch(std::string_view dtype, std::string_view got_dtype,
                                       std::size_t got_ndim);
std::string big_int_text(std::uint64_t value);
/// The element count of a 1-D array of numeric `dtype` (an array mismatch if not numeric).
std::size_t numeric_array_length(std::string_view dtype, std::string_view raw,
                                 std::string_view wanted_dtype);
/// Converts a 1-D numeric array into elements of `wanted_dtype` at `out`, each exactly
/// (else a ConversionError naming the element).
void convert_array_elements(std::string_view dtype, std::string_view raw,
                            std::string_view wanted_dtype, void *out);

/// The element types a numpy array converts into, element by element.
template <class T>
inline constexpr bool array_element_v = std::is_arithmetic_v<T> || complex_like<T>;

/// numpy's dtype of an element type: byte order, kind, item size ("<f8", "|b1"). The same as
/// dtype_of<T>() in ndarray.hpp (a test holds them equal), without that header's includes.
template <class T> struct element_dtype {
  static constexpr char kind = std::is_same_v<T, bool>       ? 'b'
                               : std::is_floating_point_v<T> ? 'f'
                               : complex_like<T>             ? 'c'
                               : std::is_signed_v<T>         ? 'i'
                                                             : 'u';
  static constexpr std::size_t size = sizeof(T);
  static constexpr char text[] = {size == 1 ? '|' : '<', kind,
                                  static_cast<char>('0' + (size >= 10 ? size / 10 : size)),
                                  size >= 10 ? static_cast<char>('0' + size % 10) : '\0', '\0'};
  static constexpr std::string_view name{text};
};

template <class T> constexpr const char *integer_name() {
  constexpr const char *names[2][4] = {{"uint8_t", "uint16_t", "uint32_t", "uint64_t"},
                                       {"int8_t", "int16_t", "int32_t", "int64_t"}};
  if constexpr (std::is_same_v<T, char>)
    return "char";
  else
    return names[std::is_signed_v<T>][sizeof(T) == 1   ? 0
                                      : sizeof(T) == 2 ? 1
                                      : sizeof(T) == 4 ? 2
                                                       : 3];
}

template <class T> struct is_optional : std::false_type {};
template <class T> struct is_optional<std::optional<T>> : std::true_type {};

/// A Period's length in microseconds, as a reduced fraction num / den.
template <class Period> using in_microseconds = std::ratio_divide<Period, std::micro>;

// The two conversions below compute as std::chrono::duration_cast does (in the reps' common
// type, truncating), and check first what it leaves unchecked: range and rounding.

/// A duration in microseconds (Python's resolution); one that would round is an error.
template <class Duration> std::int64_t exact_microseconds(const Duration &d) {
  using Rep = typename Duration::rep;
  using R = in_microseconds<typename Duration::period>;
  long double us = static_cast<long double>(d.count()) * R::num / R::den;
  if (!(us < 0x1p63L && us >= -0x1p63L)) // NaN too
    throw_time_out_of_range_us();
  if constexpr (std::is_floating_point_v<Rep>) {
    auto whole =
        static_cast<std::int64_t>(d.count() * static_cast<Rep>(R::num) / static_cast<Rep>(R::den));
    if (static_cast<Rep>(whole) * static_cast<Rep>(R::den) / static_cast<Rep>(R::num) != d.count())
      throw_sub_microsecond();
    return whole;
  } else {
    auto count = static_cast<std::intmax_t>(d.count());
    std::int64_t whole = count * R::num / R::den;
    if (whole * R::den / R::num != count)
      throw_sub_microsecond();
    return whole;
  }
}

/// `us` as a Duration; a time outside its range, or one that would round, is an error.
template <class Duration> Duration exact_duration(std::int64_t us) {
  using Rep = typename Duration::rep;
  using R = in_microseconds<typename Duration::period>;
  if constexpr (std::is_floating_point_v<Rep>) {
    Rep units = static_cast<Rep>(us) * static_cast<Rep>(R::den) / static_cast<Rep>(R::num);
    if (static_cast<std::int64_t>(units * static_cast<Rep>(R::num) / static_cast<Rep>(R::den)) !=
        us)
      throw_inexact_time(us);
    return Duration(units);
  } else {
    long double units = static_cast<long double>(us) * R::den / R::num;
    if (units > static_cast<long double>(std::numeric_limits<Rep>::max()) ||
        units < static_cast<long double>(std::numeric_limits<Rep>::min()))
      throw_time_out_of_range(us);
    auto converted = static_cast<Rep>(static_cast<std::intmax_t>(us) * R::den / R::num);
    if (static_cast<std::intmax_t>(converted) * R::num / R::den != us)
      throw_inexact_time(us);
    return Duration(converted);
  }
}
} // namespace detail

// -- scalars --------------------------------------------------------------------------------

template <> struct Converter<bool> {
  static constexpr const char *python_type = "bool";
  static constexpr const char *python_accepts = "bool";
  static void to_python(ValueBuilder out, bool value) { out.set_bool(value); }
  static bool from_python(ValueRef in) { return in.as_bool(); }
};

/// Python int <-> integral types, range-checked both ways.
template <class T>
struct Converter<T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>>> {
  static constexpr const char *python_type = "int";
  static constexpr const char *python_accepts = "int";
  static void to_python(ValueBuilder out, T value) {
    if constexpr (std::is_unsigned_v<T> && sizeof(T) >= sizeof(std::int64_t)) {
      if (value > static_cast<T>(std::numeric_limits<std::int64_t>::max()))
        return out.set_big_int(detail::big_int_text(value));
    }
    out.set_int(static_cast<std::int64_t>(value));
  }
  static T from_python(ValueRef in) {
    if constexpr (std::is_unsigned_v<T> && sizeof(T) >= sizeof(std::int64_t)) {
      if (in.kind() == Kind::BigInt)
        return from_big(in.as_big_int());
    }
    std::int64_t value = in.as_int();
    if constexpr (std::is_signed_v<T>) {
      if (value < std::numeric_limits<T>::min() || value > std::numeric_limits<T>::max())
        detail::throw_out_of_range(std::to_string(value), detail::integer_name<T>());
    } else {
      if (value < 0 || static_cast<std::uint64_t>(value) > std::numeric_limits<T>::max())
        detail::throw_out_of_range(std::to_string(value), detail::integer_name<T>());
    }
    return static_cast<T>(value);
  }

private:
  static T from_big(std::string_view text) {
    std::uint64_t value = 0;
    bool overflow = text.empty() || text.front() == '-';
    for (char c : text) {
      if (overflow)
        break;
      unsigned digit = static_cast<unsigned>(c - '0');
      overflow = digit > 9 || value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10;
      value = value * 10 + digit;
    }
    if (overflow)
      detail::throw_out_of_range(text, detail::integer_name<T>());
    return value;
  }
};

/// Python float <-> double/float (an exactly representable Python int is accepted too; a
/// float beyond float's range is an error, rounding to float's precision is not).
template <class T> struct Converter<T, std::enable_if_t<std::is_floating_point_v<T>>> {
  static constexpr const char *python_type = "float";
  static constexpr const char *python_accepts = "float | int";
  static void to_python(ValueBuilder out, T value) { out.set_float(static_cast<double>(value)); }
  static T from_python(ValueRef in) {
    double value = in.as_float();
    if constexpr (sizeof(T) < sizeof(double)) {
      bool finite = value - value == 0; // false for infinities and NaN, which float holds
      if (finite &&
          (value > std::numeric_limits<T>::max() || -value > std::numeric_limits<T>::max()))
        detail::throw_float_out_of_range(value);
    }
    return static_cast<T>(value);
  }
};

template <> struct Converter<std::string> {
  static constexpr const char *python_type = "str";
  static constexpr const char *python_accepts = "str";
  static void to_python(ValueBuilder out, const std::string &value) { out.set_str(value); }
  static std::string from_python(ValueRef in) { return std::string(in.as_str()); }
};

/// To Python only: a view cannot own what Python sends back.
template <> struct Converter<std::string_view> {
  static constexpr const char *python_type = "str";
  static void to_python(ValueBuilder out, std::string_view value) { out.set_str(value); }
};
template <> struct Converter<const char *> {
  static constexpr const char *python_type = "str"; // nullptr sends None
  static void to_python(ValueBuilder out, const char *value) {
    if (value == nullptr)
      return out.set_none();
    out.set_str(value);
  }
};
template <> struct Converter<char *> : Converter<const char *> {};

template <> struct Converter<Bytes> {
  static constexpr const char *python_type = "bytes";
  static constexpr const char *python_accepts = "bytes"; // bytearray too
  static void to_python(ValueBuilder out, const Bytes &value) {
    out.set_bytes({reinterpret_cast<const char *>(value.data()), value.size()});
  }
  static Bytes from_python(ValueRef in) {
    auto bytes = in.as_bytes();
    auto *data = reinterpret_cast<const std::byte *>(bytes.data());
    return Bytes(data, data + bytes.size());
  }
};

/// complex <-> std::complex.
template <class T> struct Converter<T, std::enable_if_t<detail::complex_like<T>>> {
  using Part = typename T::value_type;
  static constexpr const char *python_type = "complex";
  static constexpr const char *python_accepts = "complex | float | int";
  static void to_python(ValueBuilder out, const T &value) {
    out.set_complex(static_cast<double>(value.real()), static_cast<double>(value.imag()));
  }
  static T from_python(ValueRef in) {
    auto [real, imag] = in.as_complex();
    return T(static_cast<Part>(real), static_cast<Part>(imag));
  }
};

template <> struct Converter<std::nullptr_t> {
  static constexpr const char *python_type = "None";
  static void to_python(ValueBuilder out, std::nullptr_t) { out.set_none(); }
};

/// None <-> std::monostate (a variant's empty alternative).
template <class T> struct Converter<T, std::enable_if_t<detail::monostate_like<T>>> {
  static constexpr const char *python_type = "None";
  static constexpr const char *python_accepts = "None";
  static void to_python(ValueBuilder out, T) { out.set_none(); }
  static T from_python(ValueRef in) {
    if (!in.is_none())
      in.mismatch("None");
    return {};
  }
};

// -- time -----------------------------------------------------------------------------------

/// datetime.datetime <-> std::chrono::system_clock::time_point (naive datetimes are taken as
/// UTC).
template <class T> struct Converter<T, std::enable_if_t<detail::system_time_like<T>>> {
  static constexpr const char *python_type = "datetime.datetime";
  static constexpr const char *python_accepts = "datetime.datetime | datetime.date";
  static void to_python(ValueBuilder out, const T &value) {
    out.set_datetime(detail::exact_microseconds(value.time_since_epoch()), true);
  }
  static T from_python(ValueRef in) {
    return T(detail::exact_duration<typename T::duration>(in.as_epoch_us()));
  }
};

/// datetime.timedelta <-> std::chrono::duration (a conversion that would round is an error).
template <class T> struct Converter<T, std::enable_if_t<detail::duration_like<T>>> {
  static constexpr const char *python_type = "datetime.timedelta";
  static constexpr const char *python_accepts = "datetime.timedelta";
  static void to_python(ValueBuilder out, const T &value) {
    out.set_duration(detail::exact_microseconds(value));
  }
  static T from_python(ValueRef in) { return detail::exact_duration<T>(in.as_duration_us()); }
};

// -- containers -----------------------------------------------------------------------------

/// list / tuple / set (and 1-D numeric numpy arrays, element by element) <-> std::vector.
template <class T, class Alloc> struct Converter<std::vector<T, Alloc>> {
  using python_args = TypeList<T>;
  static constexpr const char *python_type = "list[@0]";
  static constexpr const char *python_accepts =
      std::is_arithmetic_v<T>
          ? "list[@0] | tuple[@0, ...] | set[@0] | frozenset[@0] | numpy.ndarray"
          : "list[@0] | tuple[@0, ...] | set[@0] | frozenset[@0]";
  static void to_python(ValueBuilder out, const std::vector<T, Alloc> &values) {
    out.set_list(values.size());
    for (const auto &value : values)
      Converter<T>::to_python(out.append(), value);
  }
  static std::vector<T, Alloc> from_python(ValueRef in) {
    std::vector<T, Alloc> values;
    if (in.kind() == Kind::NDArray) {
      if constexpr (detail::array_element_v<T>)
        return from_ndarray(in);
      else
        in.mismatch("a sequence");
    }
    check_sequence(in);
    std::size_t n = in.size();
    values.reserve(n);
    for (std::size_t i = 0; i < n; ++i)
      values.push_back(Converter<T>::from_python(in.item(i)));
    return values;
  }

private:
  static void check_sequence(ValueRef in) {
    Kind kind = in.kind();
    if (kind != Kind::List && kind != Kind::Tuple && kind != Kind::Set)
      in.mismatch("a sequence");
  }
  static std::vector<T, Alloc> from_ndarray(ValueRef in) {
    if (in.ndim() != 1)
      detail::throw_array_mismatch(dtype(), in.dtype(), in.ndim());
    auto raw = in.raw_data();
    if (in.dtype() == dtype()) {
      const T *first = reinterpret_cast<const T *>(raw.data());
      return std::vector<T, Alloc>(first, first + raw.size() / sizeof(T));
    }
    if constexpr (std::is_same_v<T, bool>) {
      detail::throw_array_mismatch(dtype(), in.dtype(), in.ndim());
    } else {
      // Another numeric dtype: each element as the same number would convert from Python.
      std::vector<T, Alloc> values(detail::numeric_array_length(in.dtype(), raw, dtype()));
      detail::convert_array_elements(in.dtype(), raw, dtype(), values.data());
      return values;
    }
  }
  static constexpr std::string_view dtype() { return detail::element_dtype<T>::name; }
};

namespace detail {
template <class Set, class T> struct SetConverter {
  using python_args = TypeList<T>;
  static constexpr const char *python_type = "set[@0]";
  static constexpr const char *python_accepts =
      "set[@0] | frozenset[@0] | list[@0] | tuple[@0, ...]";
  static void to_python(ValueBuilder out, const Set &values) {
    out.set_set(values.size());
    for (const auto &value : values)
      Converter<T>::to_python(out.append(), value);
  }
  static Set from_python(ValueRef in) {
    Kind kind = in.kind();
    if (kind != Kind::Set && kind != Kind::List && kind != Kind::Tuple)
      in.mismatch("a set");
    Set values;
    for (std::size_t i = 0, n = in.size(); i < n; ++i)
      values.insert(Converter<T>::from_python(in.item(i)));
    return values;
  }
};

template <class Map, class K, class V> struct MapConverter {
  using python_args = TypeList<K, V>;
  static constexpr const char *python_type = "dict[@0, @1]";
  static constexpr const char *python_accepts = "dict[@0, @1]";
  static void to_python(ValueBuilder out, const Map &values) {
    out.set_dict(values.size());
    for (const auto &[key, value] : values) {
      auto [key_out, value_out] = out.insert();
      Converter<K>::to_python(key_out, key);
      Converter<V>::to_python(value_out, value);
    }
  }
  static Map from_python(ValueRef in) {
    if (in.kind() != Kind::Dict)
      in.mismatch("a dict");
    Map values;
    for (std::size_t i = 0, n = in.size(); i < n; ++i)
      values.emplace(Converter<K>::from_python(in.key(i)), Converter<V>::from_python(in.value(i)));
    return values;
  }
};
} // namespace detail

/// set / frozenset (and list, tuple) <-> std::set, std::unordered_set.
template <class T>
struct Converter<T, std::enable_if_t<detail::set_like<T>>>
    : detail::SetConverter<T, typename T::key_type> {};
/// dict <-> std::map, std::unordered_map.
template <class T>
struct Converter<T, std::enable_if_t<detail::map_like<T>>>
    : detail::MapConverter<T, typename T::key_type, typename T::mapped_type> {};

/// tuple[A, B, ...] <-> std::tuple / std::pair (sizes must match).
template <class... T> struct Converter<std::tuple<T...>> {
  using python_args = TypeList<T...>;
  static constexpr const char *python_type = "tuple[@*]";
  static constexpr const char *python_accepts = "tuple[@*]";
  static void to_python(ValueBuilder out, const std::tuple<T...> &value) {
    out.set_tuple(sizeof...(T));
    std::apply(
        [&](const auto &...items) {
          (Converter<std::decay_t<decltype(items)>>::to_python(out.append(), items), ...);
        },
        value);
  }
  static std::tuple<T...> from_python(ValueRef in) {
    Kind kind = in.kind();
    if (kind != Kind::Tuple && kind != Kind::List)
      in.mismatch("a tuple");
    if (in.size() != sizeof...(T))
      detail::throw_size_mismatch(sizeof...(T), in.size());
    return build(in, std::index_sequence_for<T...>{});
  }

private:
  template <std::size_t... I>
  static std::tuple<T...> build(ValueRef in, std::index_sequence<I...>) {
    return std::tuple<T...>{Converter<T>::from_python(in.item(I))...};
  }
};

template <class A, class B> struct Converter<std::pair<A, B>> {
  using python_args = TypeList<A, B>;
  static constexpr const char *python_type = "tuple[@0, @1]";
  static constexpr const char *python_accepts = "tuple[@0, @1]";
  static void to_python(ValueBuilder out, const std::pair<A, B> &value) {
    Converter<std::tuple<A, B>>::to_python(out, std::tuple<A, B>(value.first, value.second));
  }
  static std::pair<A, B> from_python(ValueRef in) {
    auto [a, b] = Converter<std::tuple<A, B>>::from_python(in);
    return {std::move(a), std::move(b)};
  }
};

/// Optional[T]: None <-> empty. An empty optional *argument* is omitted, so Python's default
/// applies.
template <class T> struct Converter<std::optional<T>> {
  using python_args = TypeList<T>;
  static constexpr const char *python_type = "@0 | None";
  static constexpr const char *python_accepts = "@0 | None";
  static void to_python(ValueBuilder out, const std::optional<T> &value) {
    if (!value)
      return out.set_none();
    Converter<T>::to_python(out, *value);
  }
  static std::optional<T> from_python(ValueRef in) {
    if (in.is_none())
      return std::nullopt;
    return Converter<T>::from_python(in);
  }
};

/// Union[...] <-> std::variant: the first alternative that converts without error.
template <template <class...> class V, class... T>
struct Converter<V<T...>, std::enable_if_t<detail::variant_like<V<T...>>>> {
  using python_args = TypeList<T...>;
  static constexpr const char *python_type = "@|";
  static constexpr const char *python_accepts = "@|";
  static void to_python(ValueBuilder out, const V<T...> &value) {
    if (value.valueless_by_exception())
      throw ConversionError("a variant valueless by exception has no value to convert");
    send(out, value, std::index_sequence_for<T...>{});
  }
  static V<T...> from_python(ValueRef in) {
    std::optional<V<T...>> result;
    (try_one<T>(in, result) || ...);
    if (!result)
      in.mismatch("one of the variant's types");
    return std::move(*result);
  }

private:
  template <std::size_t... I>
  static void send(ValueBuilder out, const V<T...> &value, std::index_sequence<I...>) {
    // get_if<I> is found by argument-dependent lookup (std::get_if for std::variant).
    (void)((value.index() == I && (Converter<T>::to_python(out, *get_if<I>(&value)), true)) || ...);
  }
  template <class U> static bool try_one(ValueRef in, std::optional<V<T...>> &result) {
    try {
      result.emplace(std::in_place_type<U>, Converter<U>::from_python(in));
      return true;
    } catch (const ConversionError &) {
      return false;
    }
  }
};

// -- objects and arrays ---------------------------------------------------------------------

/// numpy.ndarray <-> pybridge::NDArray (<pybridge/ndarray.hpp>).
template <> struct Converter<NDArray> {
  static constexpr const char *python_type = "numpy.ndarray";
  static constexpr const char *python_accepts = "numpy.ndarray";
  static void to_python(ValueBuilder out, const NDArray &array) { out.set_ndarray(array); }
  static NDArray from_python(ValueRef in);
};

/// Any value, decided at run time (see Value in value.hpp).
template <> struct Converter<Value> {
  static constexpr const char *python_type = "Any";
  static constexpr const char *python_accepts = "Any";
  static void to_python(ValueBuilder out, const Value &value);
  static Value from_python(ValueRef in);
};

template <class T> T Value::as() const { return Converter<T>::from_python(ref()); }

/// Object and bound stub classes (anything deriving from Object) travel as handles.
/// (A class bound to a Python class stands for that class: the plugin knows it from the
/// attribute.)
template <class T> struct Converter<T, std::enable_if_t<std::is_base_of_v<Object, T>>> {
  static constexpr const char *python_type = "Any";
  static constexpr const char *python_accepts = "Any";
  static void to_python(ValueBuilder out, const T &value) { out.set_object(value); }
  static T from_python(ValueRef in) {
    Object object = in.as_object();
    if constexpr (std::is_same_v<T, Object>) {
      return object;
    } else if constexpr (!std::is_constructible_v<T, detail::Adopt>) {
      static_assert(std::is_constructible_v<T, detail::Adopt>,
                    "pybridge: this stub class is returned from Python (or read from a "
                    "value), so it must adopt the Python object: add `using "
                    "pybridge::Object::Object;` inside the class (see the note below for "
                    "which class)");
      throw ConversionError("unreachable"); // only the assertion above is reported
    } else {
      return T(detail::Adopt{detail::ObjectAccess::handle(object)});
    }
  }
};

#pragma GCC visibility pop
} // namespace pybridge
