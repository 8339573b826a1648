#include "ndarray_access.hpp"

#include <pybridge/errors.hpp>

namespace pybridge {

NDArray::NDArray(const NDArray &other) : dtype_(other.dtype_), shape_(other.shape_) {
  if (!other.shared_) {
    bytes_ = other.bytes_;
    return;
  }
  shared_ = detail::SharedMemory::create(other.shared_size_);
  shared_data_ = shared_->data();
  shared_size_ = other.shared_size_;
  if (shared_size_ > 0)
    std::memcpy(shared_data_, other.shared_data_, shared_size_);
}

NDArray &NDArray::operator=(const NDArray &other) {
  if (this != &other)
    *this = NDArray(other);
  return *this;
}

NDArray::~NDArray() = default;

NDArray NDArray::allocate(std::string dtype, std::vector<std::int64_t> shape, std::size_t nbytes) {
  if (nbytes < detail::kSharedMinBytes)
    return NDArray(std::move(dtype), std::move(shape), std::string(nbytes, '\0'));
  return detail::NDArrayAccess::view(std::move(dtype), std::move(shape),
                                     detail::SharedMemory::create(nbytes), 0, nbytes);
}

void NDArray::own_bytes() const {
  if (!shared_)
    return;
  bytes_.assign(shared_data_, shared_size_);
  shared_.reset();
}

const std::string &NDArray::bytes() const {
  own_bytes();
  return bytes_;
}

std::string &NDArray::bytes() {
  own_bytes();
  return bytes_;
}

void NDArray::check_dtype(std::string_view expected) const {
  if (dtype_ != expected)
    throw ConversionError("the array's dtype is " + dtype_ + ", not " + std::string(expected));
}

void NDArray::check_size() const {
  // dtype strings end in the item size: "<f8" -> 8 bytes
  std::size_t item = static_cast<std::size_t>(std::stoul(dtype_.substr(2)));
  if (size() * item != nbytes())
    throw ConversionError("an array of " + std::to_string(size()) + " items of " + dtype_ +
                          " needs " + std::to_string(size() * item) + " bytes, got " +
                          std::to_string(nbytes()));
}

} // namespace pybridge
