// A runtime header of another PyBridge: it reads call sites of another format version.
#pragma once
namespace pybridge::detail {
inline constexpr unsigned site_format_version = 99;
}
