// C++ callables as Python callables: a lambda, function pointer or std::function passed as an
// argument (by position, by keyword, inside a container) arrives in Python as a callable.
// When Python calls it, the call comes back to this process and runs on the thread waiting
// for the Python call that made it; it may call Python again.
//
//   auto by_length = [](std::string s) { return s.size(); };
//   auto words = pybridge::call<std::vector<std::string>>("builtins.sorted", list,
//                                                         pybridge::kw("key", by_length));
//
// Arguments and the result convert as the type mapping says (docs/type-mapping.md). A C++
// exception the callable throws is raised in Python as pybridge_agent.CallbackError (Python
// may catch it); when it ends the Python call, the caller gets the original C++ exception.
//
// A callable passed directly lives until the call it was passed to returns. One Python keeps
// for later (a registered tool, a handler) is passed as a pybridge::Callback: it stays
// callable while a copy of the Callback lives; afterwards Python gets a ReferenceError.
#pragma once

#include <pybridge/convert.hpp>
#include <pybridge/detail/shared_ref.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace pybridge {
#pragma GCC visibility push(default) // exported by the runtime (runtime/CMakeLists.txt)

namespace detail {
/// A C++ callable as the runtime calls it: reads the arguments (a tuple), writes the result.
/// Registered under an id for as long as it lives.
class CallbackTarget {
public:
  CallbackTarget();
  virtual ~CallbackTarget();
  CallbackTarget(const CallbackTarget &) = delete;
  CallbackTarget &operator=(const CallbackTarget &) = delete;
  std::uint64_t id() const noexcept { return id_; }
  virtual void invoke(ValueRef args, ValueBuilder result) = 0;

private:
  std::uint64_t id_;
};

/// Takes ownership of `target` (made with new) and makes it findable by its id until it is
/// destroyed.
SharedRef<CallbackTarget> register_callback(CallbackTarget *target);
/// Writes a reference to `target` into `out`; the call `out` belongs to keeps it alive.
void put_callback(ValueBuilder out, const SharedRef<CallbackTarget> &target);
/// A Python call with the wrong number of arguments (a TypeError in Python).
[[noreturn]] void throw_callback_arity(std::size_t expected, std::size_t given);
/// Argument `position` (from 1) did not convert (a TypeError in Python).
[[noreturn]] void throw_callback_argument(const ConversionError &error, std::size_t position);

/// The signature of a callable: a function pointer, or a class with one operator() (a
/// lambda that is not generic, std::function).
template <class T> struct signature_of {};
template <class R, class... A> struct signature_of<R (*)(A...)> {
  using result = R;
  using args = std::tuple<A...>;
};
template <class R, class... A>
struct signature_of<R (*)(A...) noexcept> : signature_of<R (*)(A...)> {};
template <class C, class R, class... A>
struct signature_of<R (C::*)(A...)> : signature_of<R (*)(A...)> {};
template <class C, class R, class... A>
struct signature_of<R (C::*)(A...) const> : signature_of<R (*)(A...)> {};
template <class C, class R, class... A>
struct signature_of<R (C::*)(A...) noexcept> : signature_of<R (*)(A...)> {};
template <class C, class R, class... A>
struct signature_of<R (C::*)(A...) const noexcept> : signature_of<R (*)(A...)> {};

template <class T, class = void> struct is_host_callable : std::false_type {};
template <class R, class... A> struct is_host_callable<R (*)(A...)> : std::true_type {};
template <class R, class... A> struct is_host_callable<R (*)(A...) noexcept> : std::true_type {};
// A class with exactly one, non-template operator(); Python objects (Object and stubs)
// have their own Converter.
template <class T>
struct is_host_callable<T, std::void_t<decltype(&T::operator())>>
    : std::bool_constant<std::is_class_v<T> && !std::is_base_of_v<Object, T>> {};

template <class F> struct callable_signature : signature_of<decltype(&F::operator())> {};
template <class R, class... A>
struct callable_signature<R (*)(A...)> : signature_of<R (*)(A...)> {};
template <class R, class... A>
struct callable_signature<R (*)(A...) noexcept> : signature_of<R (*)(A...)> {};

/// The C++ types a callable's Converter states its Python type with: the result (void as
/// None), then the arguments as they are converted.
template <class F, class Args = typename callable_signature<F>::args> struct callable_python_args;
template <class F, class... A> struct callable_python_args<F, std::tuple<A...>> {
  using R = typename callable_signature<F>::result;
  using type =
      TypeList<std::conditional_t<std::is_void_v<R>, std::nullptr_t, std::remove_cvref_t<R>>,
               std::remove_cvref_t<A>...>;
};

template <class F> class CallbackOf final : public CallbackTarget {
  using Signature = callable_signature<F>;
  using Args = typename Signature::args;
  using R = typename Signature::result;

public:
  explicit CallbackOf(F f) : f_(std::move(f)) {}

  void invoke(ValueRef args, ValueBuilder result) override {
    constexpr std::size_t count = std::tuple_size_v<Args>;
    if (args.size() != count)
      throw_callback_arity(count, args.size());
    invoke_with(args, result, std::make_index_sequence<count>());
  }

private:
  template <std::size_t I> static auto argument(ValueRef args) {
    using T = std::remove_cvref_t<std::tuple_element_t<I, Args>>;
    try {
      return Converter<T>::from_python(args.item(I));
    } catch (const ConversionError &error) {
      throw_callback_argument(error, I + 1);
    }
  }
  template <std::size_t... I>
  void invoke_with(ValueRef args, ValueBuilder result, std::index_sequence<I...>) {
    // Converted before the call, in order: a bad argument never reaches the callable.
    std::tuple<std::remove_cvref_t<std::tuple_element_t<I, Args>>...> values{argument<I>(args)...};
    if constexpr (std::is_void_v<R>) {
      f_(std::get<I>(std::move(values))...);
      result.set_none();
    } else {
      Converter<std::remove_cvref_t<R>>::to_python(result, f_(std::get<I>(std::move(values))...));
    }
  }

  F f_;
};

template <class F> SharedRef<CallbackTarget> make_callback(F f) {
  return register_callback(new CallbackOf<F>(std::move(f)));
}
} // namespace detail

/// A C++ callable that Python may keep and call later, during other calls: it stays callable
/// while a copy of this Callback lives (copies share it). Pass it wherever Python expects a
/// callable; a lambda passed directly lives only until its call returns.
///
///   pybridge::Callback tool([](std::string city) { return weather(city); });
///   agent.add_tool(tool);        // Python stores it
///   agent.run("Paris?");         // and calls it here, on this thread
class Callback {
public:
  template <class F>
  requires detail::is_host_callable<std::decay_t<F>>::value Callback(F f)
      : target_(detail::make_callback(std::decay_t<F>(std::move(f)))) {}

private:
  friend struct Converter<Callback>;
  detail::SharedRef<detail::CallbackTarget> target_;
};

template <> struct Converter<Callback> {
  // Its signature is erased: any arity (Python's own check runs when it is called).
  static constexpr const char *python_type = "Callable[..., Any]";
  static void to_python(ValueBuilder out, const Callback &callback) {
    detail::put_callback(out, callback.target_);
  }
};

/// Lambdas, std::function and function pointers, for the call they are passed to.
template <class F> struct Converter<F, std::enable_if_t<detail::is_host_callable<F>::value>> {
  // `Callable[[A...], R]`: `@1*` are the arguments, which Python sends (the plugin reads
  // the types inside `[...]` as what their Converters take), `@0` the result.
  using python_args = typename detail::callable_python_args<F>::type;
  static constexpr const char *python_type = "Callable[[@1*], @0]";
  static void to_python(ValueBuilder out, const F &f) {
    detail::put_callback(out, detail::make_callback(f));
  }
};

#pragma GCC visibility pop
} // namespace pybridge
