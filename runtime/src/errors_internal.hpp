// Turning wire errors into the exceptions of pybridge/errors.hpp.
#pragma once

#include "pybridge.pb.h"

#include <pybridge/errors.hpp>

namespace pybridge::detail {

/// Throws the PythonError subclass nearest to the exception's type.
[[noreturn]] void throw_python_error(const v1::PythonException &error);
/// Throws the BridgeError subclass for a fault.
[[noreturn]] void throw_fault(const v1::BridgeFault &fault);
/// Throws when the reply carries an error or fault; returns when it carries a result.
void throw_reply_error(const v1::CallReply &reply);

} // namespace pybridge::detail
