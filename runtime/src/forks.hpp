// A forked child inherits the runtime's memory but none of its threads or
// workers: what it inherited belongs to the parent and must be left alone
// (never killed, joined or written to), so the child starts its own runtime.
#pragma once

namespace pybridge::detail {

/// How many forks separate this process from the one that started the
/// runtime's threads: bumped by the at-fork handler in the child. State that
/// recorded another value was inherited.
unsigned fork_generation() noexcept;

/// Installs the at-fork and at-exit handlers, once per process (the first
/// runtime or std::future call does).
void install_process_hooks();

} // namespace pybridge::detail
