# Chooses the Python interpreter workers run under: PYBRIDGE_PYTHON if given, else the first
# of (the Python CMake finds, /usr/bin/python3) that can import grpc and google.protobuf.
# The python3 first on PATH may be another interpreter without them.
set(PYBRIDGE_PYTHON "" CACHE FILEPATH "Python interpreter for the workers (needs protobuf; grpcio for remote workers and the tests)")

function(_pybridge_python_usable candidate result)
  execute_process(COMMAND ${candidate} -c "import sys, grpc, google.protobuf; assert sys.version_info >= (3, 9)"
                  RESULT_VARIABLE status OUTPUT_QUIET ERROR_QUIET)
  if(status EQUAL 0)
    set(${result} TRUE PARENT_SCOPE)
  else()
    set(${result} FALSE PARENT_SCOPE)
  endif()
endfunction()

if(PYBRIDGE_PYTHON)
  _pybridge_python_usable(${PYBRIDGE_PYTHON} usable)
  if(NOT usable)
    message(FATAL_ERROR "PYBRIDGE_PYTHON=${PYBRIDGE_PYTHON} cannot import grpc and google.protobuf "
                        "(Debian: apt-get install python3-grpcio python3-protobuf)")
  endif()
else()
  find_package(Python3 3.9 COMPONENTS Interpreter)
  set(candidates /usr/bin/python3)
  if(Python3_EXECUTABLE)
    list(PREPEND candidates ${Python3_EXECUTABLE})
  endif()
  foreach(candidate IN LISTS candidates)
    if(EXISTS ${candidate})
      _pybridge_python_usable(${candidate} usable)
      if(usable)
        set(PYBRIDGE_PYTHON ${candidate} CACHE FILEPATH "" FORCE)
        break()
      endif()
    endif()
  endforeach()
  if(NOT PYBRIDGE_PYTHON)
    message(FATAL_ERROR "No Python 3 interpreter that can import grpc was found (tried: ${candidates}). "
                        "Install python3-grpcio python3-protobuf, or pass -DPYBRIDGE_PYTHON=/path/to/python3")
  endif()
endif()
message(STATUS "PyBridge workers run under ${PYBRIDGE_PYTHON}")
