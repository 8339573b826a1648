// The private directory of the workers' sockets, and what a killed host left of one.
#pragma once

#include <string>

namespace pybridge::detail {

/// A fresh directory only this user can enter (0700), for the workers' sockets, under
/// $XDG_RUNTIME_DIR or /tmp. This process holds a lock in it until remove_socket_dir();
/// directories whose lock nobody holds any more (their host was killed) are removed first,
/// so a killed host leaves nothing behind past the next start. Throws SetupError.
std::string make_socket_dir();
/// Removes the directory and lets its lock go (nothing when empty).
void remove_socket_dir(const std::string &dir) noexcept;

} // namespace pybridge::detail
