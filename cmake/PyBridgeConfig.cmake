# find_package(PyBridge) for an installed PyBridge.
#
#   find_package(PyBridge REQUIRED)
#   add_executable(app main.cpp)
#   pybridge_bind(app)   # compile with the plugin (clang 19) and link the runtime
get_filename_component(_pybridge_prefix "${CMAKE_CURRENT_LIST_DIR}/../../.." ABSOLUTE)
set(PYBRIDGE_CONFIG_EXECUTABLE "${_pybridge_prefix}/bin/pybridge-config")
set(PYBRIDGE_PLUGIN "${_pybridge_prefix}/lib/pybridge.so")

if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang" OR CMAKE_CXX_COMPILER_VERSION VERSION_LESS 19
   OR CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 20)
  message(WARNING "PyBridge's plugin needs clang 19 (CMAKE_CXX_COMPILER=clang++-19); "
                  "this build uses ${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION}")
endif()

execute_process(COMMAND ${PYBRIDGE_CONFIG_EXECUTABLE} --ldflags
                OUTPUT_VARIABLE _pybridge_ldflags OUTPUT_STRIP_TRAILING_WHITESPACE)
separate_arguments(_pybridge_ldflags UNIX_COMMAND "${_pybridge_ldflags}")

function(pybridge_bind target)
  target_compile_features(${target} PRIVATE cxx_std_20)
  target_include_directories(${target} PRIVATE "${_pybridge_prefix}/include")
  target_compile_options(${target} PRIVATE "-fplugin=${PYBRIDGE_PLUGIN}")
  target_link_options(${target} PRIVATE ${_pybridge_ldflags})
endfunction()
