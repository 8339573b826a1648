# PYBRIDGE_LOCK_FILE: check every stub compiled with PyBridge::runtime against a pybridge.lock
# (-fplugin-arg-pybridge-locked=FILE). The build fails, naming each changed symbol, when the
# installed Python library no longer matches the lock or a stub uses a symbol it does not hold;
# `pybridge-lock --update` refreshes it. Changing the lock recompiles nothing by itself: the
# plugin reads it in every compilation, so rebuild (or touch the sources) after an update.
set(PYBRIDGE_LOCK_FILE "" CACHE FILEPATH
    "pybridge.lock to check stubs against (written by pybridge-lock); empty: no lock")
if(PYBRIDGE_LOCK_FILE)
  get_filename_component(_pybridge_lock "${PYBRIDGE_LOCK_FILE}" ABSOLUTE
                         BASE_DIR "${CMAKE_SOURCE_DIR}")
  if(NOT EXISTS "${_pybridge_lock}")
    message(FATAL_ERROR "PYBRIDGE_LOCK_FILE=${PYBRIDGE_LOCK_FILE} does not exist "
                        "(write it with: pybridge-lock -p ${CMAKE_BINARY_DIR} -o ${_pybridge_lock})")
  endif()
  set_property(TARGET PyBridge::runtime APPEND PROPERTY INTERFACE_COMPILE_OPTIONS
    "$<$<COMPILE_LANG_AND_ID:CXX,Clang>:-fplugin-arg-pybridge-locked=${_pybridge_lock}>")
endif()
