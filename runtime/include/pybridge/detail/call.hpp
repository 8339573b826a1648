// What synthesized stub bodies call. Not an API: the plugin writes these calls, users write
// stubs (or the dynamic API in pybridge.hpp).
#pragma once

#include <pybridge/callback.hpp>
#include <pybridge/convert.hpp>
#include <pybridge/detail/site_format.hpp>
#include <pybridge/detail/values_only.hpp>
#include <pybridge/object.hpp>
#include <pybridge/value.hpp>

#include <exception>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace pybridge {
struct CallOptions; // <pybridge/config.hpp>
}

namespace pybridge::detail {
#pragma GCC visibility push(default) // exported by the runtime (runtime/CMakeLists.txt)

enum class Op { Call, GetAttr, SetAttr, Stream };

class StreamState;

/// A call site as the plugin writes it (its format: pybridge/detail/site_format.hpp).
class Site {
public:
  /// Throws BridgeError for a site this runtime cannot read (another format version, an
  /// unknown flag): the program was built by a plugin that does not match this runtime.
  explicit Site(std::string_view text);
  std::string_view target() const noexcept { return fields_.target; }
  std::string_view module() const noexcept { return fields_.module; }
  std::string_view hash() const noexcept { return fields_.hash; }
  std::string_view flags() const noexcept { return fields_.flags; }
  const SitePolicy &policy() const noexcept { return policy_; }
  /// The keyword for the next argument (empty: positional).
  std::string_view next_keyword() noexcept;

private:
  SiteFields fields_;
  SitePolicy policy_;
};

/// One outgoing call: arguments are encoded into the request as they are added.
class Call {
public:
  Call(Op op, std::string_view target, const Object *self);
  Call(Call &&) noexcept;
  Call &operator=(Call &&) noexcept;
  ~Call();

  /// Writer for the next argument; an empty keyword passes it by position.
  ValueBuilder arg(std::string_view keyword);
  /// Records that an optional positional argument was left out (so no later positional
  /// argument may follow).
  void skip_positional();
  /// Throws `error` again naming the argument (the C++ call's `position`th, from 1):
  /// "argument 2 ('data') of 'statistics.median': ...".
  [[noreturn]] void argument_failed(const ConversionError &error, std::size_t position,
                                    std::string_view keyword) const;
  /// Return a handle even when the result has a value form.
  void want_object();
  /// The result holds no object (values_only.hpp): the call may run on any worker, not only
  /// on the calling thread's home.
  void stateless();
  /// Checks, once per process, that `module` still has the descriptor hash it was built with.
  void check_library(std::string_view module, std::string_view hash);
  /// Applies a site's call policies: caching, retries.
  void set_policy(const SitePolicy &policy);
  void set_options(const CallOptions &options);

  /// Sends the call and waits; throws PythonError/BridgeError. The view lives as long as
  /// this Call. The call's telemetry stays open until done() or failed() (or the Call ends),
  /// so that converting the result is part of the call.
  ValueRef run();
  void done() noexcept;
  void failed(const std::exception &error) noexcept;
  /// Starts the call as a stream of items; the caller owns what it returns.
  StreamState *run_stream();

  struct Impl;

private:
  explicit Call(Impl *impl) noexcept : impl_(impl) {}
  Impl *impl_; // owned
};

template <class T> struct is_keyword : std::false_type {};
template <class T> struct is_keyword<Keyword<T>> : std::true_type {};

/// A sequence argument sent as a Python tuple: the plugin wraps a std::vector (or an optional
/// one) whose Python parameter is a tuple[T, ...].
template <class T> struct AsTuple { const T &items; };
template <class T> AsTuple<T> as_tuple(const T &items) { return {items}; }
template <class T> struct is_as_tuple : std::false_type {};
template <class T> struct is_as_tuple<AsTuple<T>> : std::true_type {};

template <class T> struct is_stream : std::false_type {};
template <class T> struct is_stream<Stream<T>> : std::true_type {};
/// std::future, known by its members (this header does without <future>).
template <class T>
concept future_like = requires(T &future) {
  future.share();
  future.wait();
};

template <class T> void put_arg(Call &call, std::string_view keyword, const T &value) {
  if constexpr (is_as_tuple<T>::value) {
    if constexpr (is_optional<std::decay_t<decltype(value.items)>>::value) {
      if (value.items)
        return put_arg(call, keyword, as_tuple(*value.items));
      if (keyword.empty())
        call.skip_positional();
    } else {
      ValueBuilder out = call.arg(keyword);
      out.set_tuple(value.items.size());
      for (const auto &item : value.items)
        Converter<std::decay_t<decltype(item)>>::to_python(out.append(), item);
    }
  } else if constexpr (is_optional<T>::value) {
    if (value)
      return put_arg(call, keyword, *value);
    if (keyword.empty())
      call.skip_positional(); // omitted: Python's default applies
  } else if constexpr (is_keyword<T>::value) {
    put_arg(call, value.name, value.value);
  } else {
    Converter<std::decay_t<T>>::to_python(call.arg(keyword), value);
  }
}

/// put_arg, with a conversion error naming the argument (`position`: from 1).
template <class T>
void add_arg(Call &call, std::string_view keyword, std::size_t position, const T &value) {
  try {
    put_arg(call, keyword, value);
  } catch (const ConversionError &error) {
    if constexpr (is_keyword<T>::value)
      call.argument_failed(error, position, value.name);
    else
      call.argument_failed(error, position, keyword);
  }
}

/// Runs the call and converts its result; a conversion error ends the call's telemetry as
/// its error.
template <class R> R converted(Call &call) {
  ValueRef value = call.run();
  try {
    R result = Converter<R>::from_python(value);
    call.done();
    return result;
  } catch (const std::exception &error) {
    call.failed(error);
    throw;
  }
}

/// How a call's result is prepared for and taken: converted by its Converter. Streams and
/// futures have their own (<pybridge/stream.hpp>, <pybridge/future.hpp>).
template <class R> struct Result {
  static_assert(!is_stream<R>::value, "pybridge: a stub returning pybridge::Stream needs "
                                      "#include <pybridge/stream.hpp>");
  static_assert(!future_like<R>, "pybridge: a stub returning std::future needs "
                                 "#include <pybridge/future.hpp>");
  static constexpr Op op = Op::Call;
  static void prepare(Call &call) {
    if constexpr (values_only_v<R>)
      call.stateless();
  }
  static R take(Call &call) { return converted<R>(call); }
};
template <> struct Result<void> {
  static constexpr Op op = Op::Call;
  static void prepare(Call &call) { call.stateless(); }
  static void take(Call &call) {
    call.run();
    call.done();
  }
};
template <class R>
requires std::is_base_of_v<Object, R>
struct Result<R> {
  static constexpr Op op = Op::Call;
  static void prepare(Call &call) { call.want_object(); }
  static R take(Call &call) { return converted<R>(call); }
};

template <class R, class... Args> R finish(Call &call, Site &site, const Args &...args) {
  if (!site.hash().empty())
    call.check_library(site.module(), site.hash());
  call.set_policy(site.policy());
  std::size_t position = 0;
  (add_arg(call, site.next_keyword(), ++position, args), ...);
  Result<R>::prepare(call);
  return Result<R>::take(call);
}

/// A bound free function, static method or class method.
template <class R, class... Args> R invoke(std::string_view site_text, const Args &...args) {
  Site site(site_text);
  Call call(Result<R>::op, site.target(), nullptr);
  return finish<R>(call, site, args...);
}

/// A bound method (operator() is bound to __call__).
template <class R, class... Args>
R invoke_method(const Object &self, std::string_view site_text, const Args &...args) {
  Site site(site_text);
  Call call(Result<R>::op, site.target(), &self);
  return finish<R>(call, site, args...);
}

/// A bound class's constructor: creates the Python object and adopts it into *self.
template <class... Args>
void construct(Object *self, std::string_view site_text, const Args &...args) {
  Site site(site_text);
  Call call(Op::Call, site.target(), nullptr);
  *self = finish<Object>(call, site, args...);
}

/// A property getter (or a module constant when self is null).
template <class R> R get_attr(const Object *self, std::string_view site_text) {
  Site site(site_text);
  Call call(Op::GetAttr, site.target(), self);
  return finish<R>(call, site);
}

/// Ends a bound [[noreturn]] function whose Python callable returned after all.
[[noreturn]] inline void returned_from_noreturn(std::string_view function) {
  throw BridgeError("'" + std::string(function) +
                    "' is declared [[noreturn]], but the Python function it calls returned");
}

/// A property setter.
template <class T> void set_attr(const Object &self, std::string_view site_text, const T &value) {
  Site site(site_text);
  Call call(Op::SetAttr, site.target(), &self);
  finish<void>(call, site, value);
}

// The dynamic API (pybridge.hpp): the target is a name, never parsed as a call site, so a
// name that comes from data cannot add keywords, caching, retries or a drift check.

/// Arguments by position, kw(...) by keyword.
template <class R, class... Args> R run_dynamic(Call &call, const Args &...args) {
  std::size_t position = 0;
  (add_arg(call, std::string_view(), ++position, args), ...);
  Result<R>::prepare(call);
  return Result<R>::take(call);
}

template <class R, class... Args>
R call_dynamic(const CallOptions *options, const Object *self, std::string_view target,
               const Args &...args) {
  Call call(Result<R>::op, target, self);
  if (options)
    call.set_options(*options);
  return run_dynamic<R>(call, args...);
}

template <class R> R get_attr_dynamic(const Object *self, std::string_view target) {
  Call call(Op::GetAttr, target, self);
  return run_dynamic<R>(call);
}

template <class T>
void set_attr_dynamic(const Object &self, std::string_view name, const T &value) {
  Call call(Op::SetAttr, name, &self);
  run_dynamic<void>(call, value);
}

#pragma GCC visibility pop
} // namespace pybridge::detail
