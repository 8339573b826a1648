// Which results can hold no Python object: a call returning one leaves nothing on its worker
// that the program could use later, so it may run on any worker (docs/runtime.md, "Where a
// call runs"). Everything else — Object and stub classes, pybridge::Value, types with a
// Converter of the program's own — runs on the calling thread's home worker.
#pragma once

#include <pybridge/detail/shapes.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace pybridge {
class NDArray;
}

namespace pybridge::detail {

template <class T> struct values_only : std::false_type {};

template <class T> inline constexpr bool values_only_v = values_only<std::remove_cvref_t<T>>::value;

template <class... T> struct all_values_only : std::bool_constant<(values_only_v<T> && ...)> {};

template <class T>
requires std::is_arithmetic_v<T>
struct values_only<T> : std::true_type {
};
template <> struct values_only<void> : std::true_type {};
template <> struct values_only<std::byte> : std::true_type {};
template <> struct values_only<std::string> : std::true_type {};
template <> struct values_only<NDArray> : std::true_type {};
template <class T>
requires complex_like<T> || duration_like<T> || system_time_like<T> || monostate_like<T>
struct values_only<T> : std::true_type {
};

template <class T> struct values_only<std::optional<T>> : all_values_only<T> {};
template <class T, class A> struct values_only<std::vector<T, A>> : all_values_only<T> {};
template <class T>
requires set_like<T>
struct values_only<T> : all_values_only<typename T::key_type> {
};
template <class T>
requires map_like<T>
struct values_only<T> : all_values_only<typename T::key_type, typename T::mapped_type> {
};
template <class A, class B> struct values_only<std::pair<A, B>> : all_values_only<A, B> {};
template <class... T> struct values_only<std::tuple<T...>> : all_values_only<T...> {};
template <template <class...> class V, class... T>
requires variant_like<V<T...>>
struct values_only<V<T...>> : all_values_only<T...> {
};

} // namespace pybridge::detail
