// The runtime's side of detail::SharedRef<T>: the std::shared_ptr<T> it stores in place.
#pragma once

#include <pybridge/detail/shared_ref.hpp>

#include <memory>
#include <new>
#include <utility>

namespace pybridge::detail {

struct SharedAccess {
  template <class T> static constexpr bool fits() {
    return sizeof(std::shared_ptr<T>) <= sizeof(SharedRef<T>::storage_) &&
           alignof(std::shared_ptr<T>) <= alignof(SharedRef<T>);
  }
  template <class T> static std::shared_ptr<T> &pointer(SharedRef<T> &ref) noexcept {
    static_assert(fits<T>());
    return *std::launder(reinterpret_cast<std::shared_ptr<T> *>(ref.storage_));
  }
  template <class T> static const std::shared_ptr<T> &pointer(const SharedRef<T> &ref) noexcept {
    static_assert(fits<T>());
    return *std::launder(reinterpret_cast<const std::shared_ptr<T> *>(ref.storage_));
  }
  template <class T> static void *storage(SharedRef<T> &ref) noexcept { return ref.storage_; }
};

/// What `ref` holds.
template <class T> const std::shared_ptr<T> &held(const SharedRef<T> &ref) noexcept {
  return SharedAccess::pointer(ref);
}

/// A SharedRef holding `pointer`.
template <class T> SharedRef<T> shared_ref(std::shared_ptr<T> pointer) noexcept {
  SharedRef<T> ref;
  SharedAccess::pointer(ref) = std::move(pointer);
  return ref;
}

template <class T> SharedRef<T>::SharedRef() noexcept {
  new (SharedAccess::storage(*this)) std::shared_ptr<T>();
}
template <class T> SharedRef<T>::SharedRef(const SharedRef &other) noexcept {
  new (SharedAccess::storage(*this)) std::shared_ptr<T>(held(other));
}
template <class T> SharedRef<T>::SharedRef(SharedRef &&other) noexcept {
  new (SharedAccess::storage(*this)) std::shared_ptr<T>(std::move(SharedAccess::pointer(other)));
}
template <class T> SharedRef<T> &SharedRef<T>::operator=(const SharedRef &other) noexcept {
  SharedAccess::pointer(*this) = held(other);
  return *this;
}
template <class T> SharedRef<T> &SharedRef<T>::operator=(SharedRef &&other) noexcept {
  SharedAccess::pointer(*this) = std::move(SharedAccess::pointer(other));
  return *this;
}
template <class T> SharedRef<T>::~SharedRef() {
  using Pointer = std::shared_ptr<T>;
  SharedAccess::pointer(*this).~Pointer();
}
template <class T> T *SharedRef<T>::get() const noexcept { return held(*this).get(); }

} // namespace pybridge::detail
