// pybridge::NDArray: a numpy array as dtype + shape + raw C-order bytes.
#pragma once

#include <pybridge/detail/dtypes.hpp>
#include <pybridge/errors.hpp>

#include <bit>
#include <complex>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace pybridge {
#pragma GCC visibility push(default) // exported by the runtime (runtime/CMakeLists.txt)

/// numpy's dtype string ("<f8", "<i4", "|b1") for a C++ element type.
template <class T> constexpr std::string_view dtype_of() {
  static_assert(std::endian::native == std::endian::little, "big-endian hosts are not supported");
  if constexpr (std::is_same_v<T, bool>)
    return "|b1";
  else if constexpr (detail::numeric_element<T>) // integers by size and sign: char is |i1 or |u1
    return detail::numeric_dtype<typename detail::element_row<T>::type>::name;
  else
    static_assert(sizeof(T) == 0, "no numpy dtype for this element type");
}

namespace detail {
class SharedMemory;
struct NDArrayAccess;
} // namespace detail

/// A numpy array. Elements travel as one raw buffer: no per-element encoding. An array of
/// 1 MiB or more lives in shared memory, which a local worker maps instead of receiving a
/// copy (docs/runtime.md, "Arrays in shared memory").
class NDArray {
public:
  NDArray() = default;
  NDArray(std::string dtype, std::vector<std::int64_t> shape, std::string bytes)
      : dtype_(std::move(dtype)), shape_(std::move(shape)), bytes_(std::move(bytes)) {}
  /// Copies hold their own elements (a large one in a new segment).
  NDArray(const NDArray &other);
  NDArray &operator=(const NDArray &other);
  NDArray(NDArray &&) noexcept = default;
  NDArray &operator=(NDArray &&) noexcept = default;
  ~NDArray();

  /// An array of `shape` and `dtype` with `nbytes` zero bytes to fill through data().
  static NDArray allocate(std::string dtype, std::vector<std::int64_t> shape, std::size_t nbytes);

  /// An array of `shape` holding a copy of `values` (C order).
  template <class T>
  static NDArray from(std::span<const T> values, std::vector<std::int64_t> shape) {
    NDArray array = allocate(std::string(dtype_of<T>()), std::move(shape), values.size_bytes());
    if (!values.empty())
      std::memcpy(array.data(), values.data(), values.size_bytes());
    array.check_size();
    return array;
  }
  /// A 1-D array holding a copy of `values`.
  template <class T> static NDArray from(const std::vector<T> &values) {
    std::vector<std::int64_t> shape{static_cast<std::int64_t>(values.size())};
    if constexpr (std::is_same_v<T, bool>) { // std::vector<bool> packs bits: one byte each
      NDArray array = allocate(std::string(dtype_of<bool>()), std::move(shape), values.size());
      auto *out = static_cast<char *>(array.data());
      for (bool value : values)
        *out++ = value;
      return array;
    } else {
      return from(std::span<const T>(values), std::move(shape));
    }
  }

  const std::string &dtype() const noexcept { return dtype_; }
  const std::vector<std::int64_t> &shape() const noexcept { return shape_; }
  std::size_t ndim() const noexcept { return shape_.size(); }
  /// The number of elements.
  std::size_t size() const noexcept {
    std::size_t n = 1;
    for (auto extent : shape_)
      n *= static_cast<std::size_t>(extent);
    return n;
  }
  /// The elements' bytes, C order (in shared memory for a large array: no copy).
  const void *data() const noexcept { return shared_ ? shared_data_ : bytes_.data(); }
  void *data() noexcept { return shared_ ? shared_data_ : bytes_.data(); }
  std::size_t nbytes() const noexcept { return shared_ ? shared_size_ : bytes_.size(); }
  /// The bytes as a string. An array in shared memory is copied into one first (and stays
  /// there): prefer data() and nbytes(), or values<T>().
  const std::string &bytes() const;
  std::string &bytes();

  /// The elements as T; throws ConversionError when the dtype is not T's.
  template <class T> std::span<const T> values() const {
    check_dtype(dtype_of<T>());
    return {static_cast<const T *>(data()), nbytes() / sizeof(T)};
  }
  template <class T> std::span<T> values() {
    check_dtype(dtype_of<T>());
    return {static_cast<T *>(data()), nbytes() / sizeof(T)};
  }

private:
  friend struct detail::NDArrayAccess;
  void check_dtype(std::string_view expected) const;
  void check_size() const;
  /// Copies a shared array's elements into bytes_ and lets the segment go.
  void own_bytes() const;

  std::string dtype_;
  std::vector<std::int64_t> shape_;
  mutable std::string bytes_; // from operator new: aligned for every dtype above
  // A large array's elements: shared_size_ bytes at shared_data_, inside the segment.
  mutable std::shared_ptr<detail::SharedMemory> shared_;
  char *shared_data_ = nullptr;
  std::size_t shared_size_ = 0;
};

#pragma GCC visibility pop
} // namespace pybridge
