# Clang/LLVM 19, which the plugin and pybridge-check are built against and the tests compile
# with. LLVM_DIR (or Clang_DIR) wins when given; otherwise llvm-config-19 says where LLVM's CMake
# package is. Nothing here assumes a particular installation directory.
#
# Sets: LLVM_* and CLANG_* (their packages), PYBRIDGE_CLANGXX (the clang++ the plugin loads into)
# and PYBRIDGE_LIT (lit.py, for the tests).
find_program(PYBRIDGE_LLVM_CONFIG NAMES llvm-config-19 llvm-config
             DOC "llvm-config of the LLVM 19 the plugin is built against")
if(NOT LLVM_DIR AND PYBRIDGE_LLVM_CONFIG)
  execute_process(COMMAND ${PYBRIDGE_LLVM_CONFIG} --cmakedir
                  OUTPUT_VARIABLE llvm_cmake_dir OUTPUT_STRIP_TRAILING_WHITESPACE
                  RESULT_VARIABLE status ERROR_QUIET)
  if(status EQUAL 0 AND EXISTS "${llvm_cmake_dir}/LLVMConfig.cmake")
    set(LLVM_DIR "${llvm_cmake_dir}" CACHE PATH "Directory of LLVM 19's LLVMConfig.cmake")
  endif()
endif()
# LLVM's version file only accepts a request naming its minor version: check the major here.
find_package(LLVM REQUIRED CONFIG)
if(NOT LLVM_VERSION_MAJOR EQUAL 19)
  message(FATAL_ERROR "PyBridge's plugin needs LLVM/Clang 19; LLVM_DIR=${LLVM_DIR} is "
                      "${LLVM_PACKAGE_VERSION} (set LLVM_DIR to LLVM 19's lib/cmake/llvm)")
endif()
find_package(Clang REQUIRED CONFIG HINTS "${LLVM_DIR}/../clang")
message(STATUS "PyBridge builds against LLVM ${LLVM_PACKAGE_VERSION} (${LLVM_DIR})")

set(PYBRIDGE_CLANGXX "${LLVM_TOOLS_BINARY_DIR}/clang++" CACHE FILEPATH
    "The clang++ (19) that loads the plugin: tests and pybridge-config --cxx use it")

# lit ships in LLVM's build tree (Debian: <llvm>/build/utils/lit); a pip-installed `lit` works too.
find_program(PYBRIDGE_LIT NAMES lit.py lit llvm-lit
             HINTS "${LLVM_LIBRARY_DIR}/../build/utils/lit" "${LLVM_TOOLS_BINARY_DIR}"
             DOC "lit, which runs the test suite")
