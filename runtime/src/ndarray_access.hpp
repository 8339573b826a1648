// The runtime's side of NDArray: the shared-memory segment a large array lives in.
#pragma once

#include "shared_memory.hpp"

#include <pybridge/ndarray.hpp>

namespace pybridge::detail {

struct NDArrayAccess {
  /// The segment holding the array's elements (null: they are in a string).
  static const std::shared_ptr<SharedMemory> &segment(const NDArray &array) noexcept {
    return array.shared_;
  }
  /// Where the elements start inside segment(array).
  static std::size_t offset(const NDArray &array) noexcept {
    return static_cast<std::size_t>(array.shared_data_ - array.shared_->data());
  }
  /// An array viewing [offset, offset + size) of `segment` without a copy.
  static NDArray view(std::string dtype, std::vector<std::int64_t> shape,
                      std::shared_ptr<SharedMemory> segment, std::size_t offset, std::size_t size) {
    NDArray array(std::move(dtype), std::move(shape), std::string());
    array.shared_data_ = segment->data() + offset;
    array.shared_size_ = size;
    array.shared_ = std::move(segment);
    array.check_size();
    return array;
  }
};

} // namespace pybridge::detail
