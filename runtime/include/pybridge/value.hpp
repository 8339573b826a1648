// Python values: ValueRef/ValueBuilder (what a Converter specialization reads and writes) and
// Value (any Python value, owned, for results whose type is decided at run time).
#pragma once

#include <pybridge/detail/shared_ref.hpp>

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>

namespace pybridge {

namespace v1 {
class Value; // the wire form (proto/pybridge.proto); never needed by users
}
namespace detail {
struct CallContext;
struct ValueData;
struct ValueAccess;
} // namespace detail
#pragma GCC visibility push(default) // exported by the runtime (runtime/CMakeLists.txt)

class Object;
class NDArray;

/// What a Python value is, as far as conversion cares.
enum class Kind {
  None,
  Bool,
  Int,    // fits in int64
  BigInt, // does not: as decimal text
  Float,
  Str,
  Bytes,
  List,
  Tuple,
  Set,
  Dict,
  Object, // a handle to a Python object that stays on the worker
  NDArray,
  Complex,
  DateTime, // datetime.datetime / date, microseconds since the epoch
  Duration, // datetime.timedelta, microseconds
  Callback,
  DataFrame, // a pandas DataFrame: named 1-D ndarray columns
};

/// The Python name of a kind ("int", "list", ...), for error messages.
const char *kind_name(Kind kind) noexcept;

/// A read-only view of a Python value received from a worker. Valid while the reply it
/// comes from is being converted.
class ValueRef {
public:
  Kind kind() const noexcept;
  bool is_none() const noexcept { return kind() == Kind::None; }

  // Scalars. Each throws ConversionError naming both kinds when the value is another kind.
  bool as_bool() const;
  std::int64_t as_int() const;         // Int only (BigInt throws: out of range)
  std::string_view as_big_int() const; // decimal text; Int values too
  double as_float() const;             // Float, or Int (exactly representable only)
  std::string_view as_str() const;
  std::string_view as_bytes() const;
  std::pair<double, double> as_complex() const; // (real, imag); Float and Int too
  std::int64_t as_epoch_us() const;             // DateTime
  bool has_timezone() const;                    // DateTime: aware, converted to UTC
  std::int64_t as_duration_us() const;          // Duration
  Object as_object() const;                     // Object

  // List, Tuple, Set: items. Dict: entries.
  std::size_t size() const;
  ValueRef item(std::size_t index) const; // List, Tuple, Set
  ValueRef key(std::size_t index) const;  // Dict
  ValueRef value(std::size_t index) const;

  // NDArray.
  std::string_view dtype() const;
  std::size_t ndim() const;
  std::int64_t dim(std::size_t axis) const;
  std::string_view raw_data() const;

  /// Throws ConversionError: "expected <what>, got <kind>".
  [[noreturn]] void mismatch(const char *what) const;

private:
  friend struct detail::ValueAccess;
  ValueRef(const v1::Value &value, const detail::CallContext *context) noexcept
      : value_(&value), context_(context) {}

  const v1::Value *value_;
  const detail::CallContext *context_; // reading a value changes nothing of its call
};

/// Writes one Python value into an outgoing call.
class ValueBuilder {
public:
  void set_none();
  void set_bool(bool value);
  void set_int(std::int64_t value);
  void set_big_int(std::string_view decimal);
  void set_float(double value);
  /// Throws ConversionError unless `value` is UTF-8 text (binary data: set_bytes).
  void set_str(std::string_view value);
  void set_bytes(std::string_view value);
  void set_complex(double real, double imag);
  void set_datetime(std::int64_t epoch_us, bool has_timezone);
  void set_duration(std::int64_t us);
  void set_object(const Object &object);

  /// Starts a list (or tuple, set); then append() each item.
  void set_list(std::size_t reserve = 0);
  void set_tuple(std::size_t reserve = 0);
  void set_set(std::size_t reserve = 0);
  ValueBuilder append();

  /// Starts a dict; then insert() each entry and fill its key and value.
  void set_dict(std::size_t reserve = 0);
  std::pair<ValueBuilder, ValueBuilder> insert();

  /// A numpy array: dtype as numpy spells it ("<f8"), shape, C-order bytes (copied once).
  void set_ndarray(std::string_view dtype, const std::int64_t *shape, std::size_t ndim,
                   const void *data, std::size_t bytes);
  /// A numpy array; a large one is lent to the worker in shared memory where the lane
  /// allows (in-place changes Python makes show in `array`), else copied.
  void set_ndarray(const NDArray &array);

private:
  friend struct detail::ValueAccess;
  ValueBuilder(v1::Value &value, detail::CallContext *context, unsigned depth = 0) noexcept
      : value_(&value), context_(context), depth_(depth) {}
  /// Throws ConversionError when a container here would nest too deep for the wire.
  void start_container() const;

  v1::Value *value_;
  detail::CallContext *context_;
  unsigned depth_; // containers around this value
};

/// Any Python value, owned: the result type for `Union[...]`, `Any` or unannotated results
/// whose C++ type is decided at run time. Copies are cheap (they share one immutable value);
/// objects inside stay alive on the worker as long as a copy does.
///
///   pybridge::Value v = pybridge::call<pybridge::Value>("json.loads", text);
///   if (v.kind() == pybridge::Kind::List) for (double x : v.as<std::vector<double>>()) ...
///   std::cout << v;  // like Python's print(v)
class Value {
public:
  /// None.
  Value() noexcept;

  Kind kind() const noexcept;
  bool is_none() const noexcept { return kind() == Kind::None; }

  /// Converts to T as if T had been the declared result type; throws ConversionError.
  template <class T> T as() const;

  /// Python's str(value): computed here for plain values ("[1, 'a', None]"), by the worker
  /// for objects. numpy arrays print as "<ndarray <f8 (2, 3)>".
  std::string str() const;

  /// A view for Converter code (valid while this Value lives).
  ValueRef ref() const noexcept;

private:
  friend struct detail::ValueData;
  explicit Value(detail::SharedRef<const detail::ValueData> data) noexcept
      : data_(std::move(data)) {}
  detail::SharedRef<const detail::ValueData> data_;
};

/// Writes value.str().
std::ostream &operator<<(std::ostream &out, const Value &value);

namespace detail {
/// The runtime's side of ValueRef and ValueBuilder: the wire form and the call they belong
/// to. Converters need none of it.
struct ValueAccess {
  static ValueRef ref(const v1::Value &value, const CallContext *context) noexcept {
    return ValueRef(value, context);
  }
  static ValueBuilder builder(v1::Value &value, CallContext *context) noexcept {
    return ValueBuilder(value, context);
  }
  static const v1::Value &wire(const ValueRef &ref) noexcept { return *ref.value_; }
  static v1::Value &wire(const ValueBuilder &builder) noexcept { return *builder.value_; }
  static const CallContext *context(const ValueRef &ref) noexcept { return ref.context_; }
  static CallContext *context(const ValueBuilder &builder) noexcept { return builder.context_; }
};
} // namespace detail

#pragma GCC visibility pop
} // namespace pybridge
