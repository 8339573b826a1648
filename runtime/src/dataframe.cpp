#include "pybridge.pb.h"

#include <pybridge/dataframe.hpp>
#include <pybridge/errors.hpp>

#include <algorithm>
#include <stdexcept>

namespace pybridge {

DataFrame &DataFrame::add(std::string name, NDArray column) {
  if (column.ndim() != 1)
    throw ConversionError("a DataFrame column must be 1-D, not " + std::to_string(column.ndim()) +
                          "-D ('" + name + "')");
  if (!columns_.empty() && column.size() != rows())
    throw ConversionError("column '" + name + "' has " + std::to_string(column.size()) +
                          " rows, the DataFrame " + std::to_string(rows()));
  if (std::find(names_.begin(), names_.end(), name) != names_.end())
    throw ConversionError("the DataFrame has a column '" + name + "' already");
  names_.push_back(std::move(name));
  columns_.push_back(std::move(column));
  return *this;
}

const NDArray &DataFrame::operator[](std::string_view name) const {
  auto found = std::find(names_.begin(), names_.end(), name);
  if (found == names_.end())
    throw std::out_of_range("the DataFrame has no column '" + std::string(name) + "'");
  return columns_[static_cast<std::size_t>(found - names_.begin())];
}

void Converter<DataFrame>::to_python(ValueBuilder out, const DataFrame &frame) {
  v1::Value &wire = detail::ValueAccess::wire(out);
  v1::DataFrame *data = wire.mutable_data_frame();
  for (std::size_t i = 0; i < frame.columns(); ++i) {
    data->add_names(frame.names()[i]);
    Converter<NDArray>::to_python(
        detail::ValueAccess::builder(*data->add_columns(), detail::ValueAccess::context(out)),
        frame.column(i));
  }
}

DataFrame Converter<DataFrame>::from_python(ValueRef in) {
  if (in.kind() != Kind::DataFrame)
    in.mismatch("a pandas DataFrame");
  const v1::DataFrame &data = detail::ValueAccess::wire(in).data_frame();
  if (data.names_size() != data.columns_size())
    throw ProtocolError("the worker sent a DataFrame with more names than columns");
  DataFrame frame;
  for (int i = 0; i < data.columns_size(); ++i)
    frame.add(data.names(i), Converter<NDArray>::from_python(detail::ValueAccess::ref(
                                 data.columns(i), detail::ValueAccess::context(in))));
  return frame;
}

} // namespace pybridge
