// The standard types PyBridge converts, known by their members rather than by their headers:
// a program that passes a std::map includes <map> itself, and pybridge.hpp includes neither
// <map> nor <variant>, <complex> or <chrono> (docs/performance.md, "The header").
#pragma once

#include <compare>
#include <concepts>
#include <cstddef>
#include <type_traits>
#include <utility>

namespace pybridge::detail {

/// std::map, std::unordered_map: keys with mapped values.
template <class T>
concept map_like = requires(T &map, const T &view) {
  typename T::key_type;
  typename T::mapped_type;
  view.begin();
  view.size();
  map.emplace(std::declval<typename T::key_type>(), std::declval<typename T::mapped_type>());
};

/// std::set, std::unordered_set: keys alone.
template <class T>
concept set_like = requires(T &set, const T &view) {
  typename T::key_type;
  requires std::is_same_v<typename T::key_type, typename T::value_type>;
  view.begin();
  view.size();
  set.insert(std::declval<typename T::key_type>());
};

/// std::variant (a template of its alternatives whose get_if<I> argument-dependent lookup
/// finds).
template <class T>
concept variant_like = requires(const T &variant) {
  { variant.index() } -> std::same_as<std::size_t>;
  { variant.valueless_by_exception() } -> std::same_as<bool>;
};

namespace adl {
/// T is a class of namespace std: only argument-dependent lookup finds an `addressof` here.
template <class T>
concept std_class = std::is_class_v<T> && requires(const T &value) {
  addressof(value);
};
} // namespace adl

template <class T>
concept tuple_like = requires {
  std::tuple_size<T>::value;
};

template <class T>
concept strongly_ordered = requires(const T &a, const T &b) {
  { a <=> b } -> std::same_as<std::strong_ordering>;
};

/// std::monostate: the empty, trivial, strongly ordered class of namespace std that is no
/// tuple (std::tuple<> is all of that too).
template <class T>
concept monostate_like =
    adl::std_class<T> && std::is_empty_v<T> && std::is_trivial_v<T> && !tuple_like<T> &&
    strongly_ordered<T>;

/// std::complex<float | double | long double>.
template <class T>
concept complex_like = std::is_floating_point_v<typename T::value_type> &&
                           sizeof(T) == 2 * sizeof(typename T::value_type) &&
                       requires(const T &value, typename T::value_type part) {
  { value.real() } -> std::same_as<typename T::value_type>;
  { value.imag() } -> std::same_as<typename T::value_type>;
  T(part, part);
};

/// std::chrono::duration: a count of Period::num / Period::den seconds.
template <class T>
concept duration_like = std::is_arithmetic_v<typename T::rep> && requires(const T &value) {
  { value.count() } -> std::same_as<typename T::rep>;
  { T::period::num } -> std::convertible_to<long long>;
  { T::period::den } -> std::convertible_to<long long>;
};

/// std::chrono::time_point of system_clock (the clock with to_time_t).
template <class T>
concept system_time_like = duration_like<typename T::duration> && requires(const T &value) {
  { value.time_since_epoch() } -> std::same_as<typename T::duration>;
  &T::clock::to_time_t;
};

} // namespace pybridge::detail
