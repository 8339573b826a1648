// pybridge::Stream<T>: the items of a Python generator, as they are produced; stubs returning
// one, and iteration over a pybridge::Object (`for (pybridge::Value key : dict)`).
#pragma once

#include <pybridge/convert.hpp>
#include <pybridge/detail/call.hpp>
#include <pybridge/detail/stream_state.hpp>
#include <pybridge/object.hpp>
#include <pybridge/value.hpp>

#include <cstddef>
#include <exception>
#include <iterator>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace pybridge {
#pragma GCC visibility push(default) // exported by the runtime (runtime/CMakeLists.txt)

/// An input range over what a Python generator yields. Items arrive one by one while the
/// generator runs on the worker; destroying the stream before the end (leaving the loop)
/// cancels the generator. An exception raised by the generator is thrown by the increment
/// that reaches it.
///
///   for (const std::string &chunk : predict.stream("Why?")) std::cout << chunk;
template <class T> class Stream {
public:
  explicit Stream(std::shared_ptr<detail::StreamState> state) : state_(std::move(state)) {}
  Stream(Stream &&) noexcept = default;
  Stream &operator=(Stream &&) noexcept = default;
  ~Stream() {
    if (state_ && !finished_)
      state_->cancel();
  }

  class iterator {
  public:
    using value_type = T;
    using difference_type = std::ptrdiff_t;

    iterator() = default;
    T &operator*() const { return *stream_->current_; }
    T *operator->() const { return &*stream_->current_; }
    iterator &operator++() {
      stream_->advance();
      return *this;
    }
    void operator++(int) { stream_->advance(); }
    friend bool operator==(const iterator &it, std::default_sentinel_t) { return it.at_end(); }

  private:
    friend class Stream;
    explicit iterator(Stream *stream) : stream_(stream) {}
    // A member (not the friend above) may read the stream's privates: GCC holds to that.
    bool at_end() const { return !stream_->current_; }
    Stream *stream_ = nullptr;
  };

  /// Starts reading: the first item is fetched here. Another begin() resumes at the item the
  /// last iterator points at (none is skipped; a loop left with `break` sees that item again).
  iterator begin() {
    if (!current_ && !finished_)
      advance();
    return iterator(this);
  }
  std::default_sentinel_t end() const noexcept { return {}; }

  /// The next item, or nullopt at the end.
  std::optional<T> next() {
    advance();
    std::optional<T> item = std::move(current_);
    current_.reset();
    return item;
  }

  /// Reads the remaining items.
  std::vector<T> collect() {
    std::vector<T> items;
    while (auto item = next())
      items.push_back(std::move(*item));
    return items;
  }

  /// Stops the generator on the worker now.
  void cancel() noexcept {
    if (state_ && !finished_)
      state_->cancel();
    finished_ = true;
    current_.reset();
  }

private:
  void advance() {
    current_.reset();
    if (finished_)
      return;
    const v1::Value *item = nullptr;
    try {
      item = state_->next();
    } catch (...) {
      finished_ = true;
      throw;
    }
    if (item == nullptr) {
      finished_ = true;
      return;
    }
    try {
      current_.emplace(
          Converter<T>::from_python(detail::ValueAccess::ref(*item, state_->context())));
    } catch (const std::exception &error) {
      // An item that does not convert ends the stream: the generator is cancelled and the
      // stream counts as failed.
      finished_ = true;
      state_->fail(error);
      throw;
    }
  }

  std::shared_ptr<detail::StreamState> state_;
  std::optional<T> current_;
  bool finished_ = false;
};

namespace detail {
template <class T> struct Result<Stream<T>> {
  static constexpr Op op = Op::Stream;
  static void prepare(Call &call) {
    if constexpr (values_only_v<T>)
      call.stateless();
  }
  static Stream<T> take(Call &call) {
    return Stream<T>(std::shared_ptr<StreamState>(call.run_stream()));
  }
};
} // namespace detail

/// What range-for over an Object walks: iter(obj) as a stream of pybridge::Value, shared by
/// the iterator's copies. Items arrive as the loop asks (docs/runtime.md: streams).
class ObjectIterator {
public:
  using value_type = Value;
  using difference_type = std::ptrdiff_t;

  ObjectIterator() = default;
  explicit ObjectIterator(Stream<Value> stream)
      : stream_(std::make_shared<Stream<Value>>(std::move(stream))), at_(stream_->begin()) {}

  Value &operator*() const { return *at_; }
  Value *operator->() const { return &*at_; }
  ObjectIterator &operator++() {
    ++at_;
    return *this;
  }
  void operator++(int) { ++at_; }
  friend bool operator==(const ObjectIterator &it, std::default_sentinel_t end) {
    return it.at_ == end;
  }

private:
  std::shared_ptr<Stream<Value>> stream_;
  Stream<Value>::iterator at_;
};

template <class T> Stream<T> Object::iterate() const { return call<Stream<T>>("__iter__"); }

inline ObjectIterator Object::begin() const { return ObjectIterator(iterate<Value>()); }
inline auto Object::end() const noexcept { return std::default_sentinel; }

#pragma GCC visibility pop
} // namespace pybridge
