// The SharedRef<T> the public classes hold, instantiated once here.
#include "shared_ref.hpp"

#include <pybridge/callback.hpp>
#include <pybridge/errors.hpp>
#include <pybridge/object.hpp>
#include <pybridge/value.hpp>

// Exported whatever the visibility of T (Handle and ValueData are the runtime's own).
#define PYBRIDGE_EXPORTED __attribute__((visibility("default")))

namespace pybridge::detail {

template class PYBRIDGE_EXPORTED SharedRef<Handle>;            // Object
template class PYBRIDGE_EXPORTED SharedRef<const ValueData>;   // Value
template class PYBRIDGE_EXPORTED SharedRef<const PythonError>; // PythonError::cause()
template class PYBRIDGE_EXPORTED SharedRef<CallbackTarget>;    // Callback

} // namespace pybridge::detail
