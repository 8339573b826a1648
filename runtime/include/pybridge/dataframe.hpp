// pybridge::DataFrame: a pandas DataFrame as named columns, each a pybridge::NDArray.
#pragma once

#include <pybridge/convert.hpp>
#include <pybridge/detail/values_only.hpp>
#include <pybridge/ndarray.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace pybridge {
#pragma GCC visibility push(default) // exported by the runtime (runtime/CMakeLists.txt)

/// A pandas DataFrame with the default index: named 1-D columns of one length. Python
/// receives a `pandas.DataFrame`; a DataFrame of numeric (non-object) columns with str names
/// and the default index converts back (others arrive as pybridge::Object).
class DataFrame {
public:
  DataFrame() = default;

  /// Appends a column; throws ConversionError when it is not 1-D, its length differs from
  /// the others' or its name is taken.
  DataFrame &add(std::string name, NDArray column);

  std::size_t rows() const noexcept { return columns_.empty() ? 0 : columns_.front().size(); }
  std::size_t columns() const noexcept { return columns_.size(); }
  /// The column names, in order.
  const std::vector<std::string> &names() const noexcept { return names_; }
  const NDArray &column(std::size_t index) const { return columns_.at(index); }
  /// The column named `name`; throws std::out_of_range when there is none.
  const NDArray &operator[](std::string_view name) const;

private:
  std::vector<std::string> names_;
  std::vector<NDArray> columns_;
};

template <> struct Converter<DataFrame> {
  static constexpr const char *python_type = "pandas.DataFrame";
  static constexpr const char *python_accepts = "pandas.DataFrame";
  static void to_python(ValueBuilder out, const DataFrame &frame);
  static DataFrame from_python(ValueRef in);
};

#pragma GCC visibility pop

/// A DataFrame holds no objects: calls returning one may run on any worker.
template <> struct detail::values_only<DataFrame> : std::true_type {};
} // namespace pybridge
