// Where the Python agent and interpreter are, in a build tree or an install tree.
#pragma once

#include <string>

namespace pybridge::detail {

/// PYBRIDGE_AGENT_PATH, else share/pybridge/python next to this library, else the build
/// tree's copy.
std::string agent_path();

/// The interpreter PyBridge was configured with (checked to import grpc at build time).
std::string default_python();

} // namespace pybridge::detail
