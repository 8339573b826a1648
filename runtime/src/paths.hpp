// Where the Python agent and interpreter are, in a build tree or an install tree.
#pragma once

#include <string>

namespace pybridge::detail {

/// PYBRIDGE_AGENT_PATH, else the install tree's share/pybridge/python as seen from this
/// library's directory (lib/, or a multiarch libdir), else the build tree's copy.
std::string agent_path();

/// The interpreter PyBridge was configured with (checked to import grpc at build time).
std::string default_python();

} // namespace pybridge::detail
