// Fast-lane trailers: the data of large arrays travels raw after a frame
// instead of inside it (proto/pybridge.proto, NDArray.trailer), so protobuf
// never copies big buffers; the largest travel in shared memory (NDArray.shared).
#pragma once

#include "connection.hpp"
#include "pybridge.pb.h"

#include <functional>
#include <string>
#include <vector>

namespace pybridge::detail {

/// Arrays at least this large travel in the trailer.
inline constexpr std::size_t kTrailerMinBytes = 64 * 1024;

/// Moves the data of the frame's large arrays into `parts` (trailer order) and
/// records their spans; returns the trailer's size. reattach_trailer() undoes
/// it.
std::size_t detach_trailer(v1::Frame &frame, std::vector<std::string> &parts);
void reattach_trailer(v1::Frame &frame, std::vector<std::string> &parts) noexcept;

/// The arrays of a received frame whose data is in its trailer, in trailer
/// order. Throws ProtocolError unless their spans cover [0, trailer_size)
/// exactly.
std::vector<v1::NDArray *> trailer_arrays(v1::Frame &frame, std::uint64_t trailer_size);

/// Throws ProtocolError unless every shared array of a received frame lies inside one of
/// its `segments`.
void check_shared_arrays(v1::Frame &frame, const Segments &segments);

/// Calls `visit` for every array in shared memory inside `value`.
void for_each_shared_array(v1::Value &value, const std::function<void(v1::NDArray &)> &visit);

/// Copies the data of the frame's shared arrays into the frame (for a lane without shared
/// memory).
void inline_shared_arrays(v1::Frame &frame, const Segments &segments);

} // namespace pybridge::detail
