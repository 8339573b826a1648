// detail::SharedRef<T>: the std::shared_ptr<T> a public class (Object, Value, PythonError,
// Callback) keeps for the runtime, stored in place. The public headers never name a smart
// pointer, so pybridge.hpp does without <memory>, which costs more to compile than all of
// <vector>, <string> and <optional> (docs/performance.md, "The header"). Copies, moves and
// destruction are out of line; only the runtime reads what it holds (runtime/src/shared_ref.hpp).
#pragma once

namespace pybridge::detail {
#pragma GCC visibility push(default) // exported by the runtime (runtime/CMakeLists.txt)

struct SharedAccess;

template <class T> class SharedRef {
public:
  /// Null.
  SharedRef() noexcept;
  SharedRef(const SharedRef &other) noexcept;
  SharedRef(SharedRef &&other) noexcept;
  SharedRef &operator=(const SharedRef &other) noexcept;
  SharedRef &operator=(SharedRef &&other) noexcept;
  ~SharedRef();

  T *get() const noexcept;

private:
  friend struct SharedAccess;
  alignas(void *) unsigned char storage_[2 * sizeof(void *)]; // a std::shared_ptr<T>
};

#pragma GCC visibility pop
} // namespace pybridge::detail
