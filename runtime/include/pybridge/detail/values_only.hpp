// Which results can hold no Python object: a call returning one leaves nothing on its worker
// that the program could use later, so it may run on any worker (docs/runtime.md, "Where a
// call runs"). Everything else — Object and stub classes, pybridge::Value, types with a
// Converter of the program's own — runs on the calling thread's home worker.
#pragma once

#include <pybridge/ndarray.hpp>

#include <chrono>
#include <complex>
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

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
template <> struct values_only<std::monostate> : std::true_type {};
template <> struct values_only<NDArray> : std::true_type {};
template <class T> struct values_only<std::complex<T>> : std::true_type {};
template <class R, class P> struct values_only<std::chrono::duration<R, P>> : std::true_type {};
template <class C, class D> struct values_only<std::chrono::time_point<C, D>> : std::true_type {};

template <class T> struct values_only<std::optional<T>> : all_values_only<T> {};
template <class T, class A> struct values_only<std::vector<T, A>> : all_values_only<T> {};
template <class T, class C, class A> struct values_only<std::set<T, C, A>> : all_values_only<T> {};
template <class T, class H, class E, class A>
struct values_only<std::unordered_set<T, H, E, A>> : all_values_only<T> {};
template <class K, class V, class C, class A>
struct values_only<std::map<K, V, C, A>> : all_values_only<K, V> {};
template <class K, class V, class H, class E, class A>
struct values_only<std::unordered_map<K, V, H, E, A>> : all_values_only<K, V> {};
template <class A, class B> struct values_only<std::pair<A, B>> : all_values_only<A, B> {};
template <class... T> struct values_only<std::tuple<T...>> : all_values_only<T...> {};
template <class... T> struct values_only<std::variant<T...>> : all_values_only<T...> {};

} // namespace pybridge::detail
