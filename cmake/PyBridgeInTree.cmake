# pybridge_bind(<target> [PYTHONPATH <dir>...]) for targets inside PyBridge's own build
# (examples, benchmarks): the same contract as the installed package's pybridge_bind()
# (PyBridgeConfig.cmake) with this build's plugin and runtime. PYTHONPATH names directories the
# plugin's describing agent imports from at compile time (e.g. test fixtures).
#
# PYBRIDGE_CAN_BIND is true when the C++ compiler can load the plugin (clang 19).
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 19
   AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 20)
  set(PYBRIDGE_CAN_BIND TRUE)
else()
  set(PYBRIDGE_CAN_BIND FALSE)
endif()

function(pybridge_bind target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "PYTHONPATH")
  if(NOT PYBRIDGE_CAN_BIND)
    message(FATAL_ERROR "pybridge_bind(${target}): the plugin needs clang 19 "
                        "(CMAKE_CXX_COMPILER=clang++-19), not ${CMAKE_CXX_COMPILER_ID} "
                        "${CMAKE_CXX_COMPILER_VERSION}")
  endif()
  target_compile_features(${target} PRIVATE cxx_std_20)
  target_compile_options(${target} PRIVATE "-fplugin=$<TARGET_FILE:pybridge_plugin>"
                         "-fplugin-arg-pybridge-cache-dir=${PROJECT_BINARY_DIR}/pybridge_cache")
  target_link_libraries(${target} PRIVATE pybridge_runtime)
  # A new plugin writes new bodies: recompile the target's sources when it changes
  # (OBJECT_DEPENDS takes no generator expressions: the plugin's path in the build tree).
  get_target_property(sources ${target} SOURCES)
  set_property(SOURCE ${sources} TARGET_DIRECTORY ${target} APPEND PROPERTY
               OBJECT_DEPENDS ${PROJECT_BINARY_DIR}/lib/pybridge${CMAKE_SHARED_MODULE_SUFFIX})
  add_dependencies(${target} pybridge_plugin pybridge_agent)
  if(arg_PYTHONPATH)
    list(JOIN arg_PYTHONPATH ":" path)
    set_property(TARGET ${target} PROPERTY CXX_COMPILER_LAUNCHER
                 ${CMAKE_COMMAND} -E env "PYTHONPATH=${path}")
  endif()
endfunction()
