# Sanitizers and fuzzing, with clang's runtimes (Debian: libclang-rt-19-dev, libfuzzer-19-dev).
#
# PYBRIDGE_SANITIZE=address,undefined builds the runtime and its GoogleTest suite with those
# sanitizers (scripts/sanitize.sh); pybridge_sanitize(target) applies it to a target.
# PYBRIDGE_BUILD_FUZZERS builds the libFuzzer targets of fuzz/ (when the toolchain can).
include(CheckCXXSourceCompiles)

set(PYBRIDGE_SANITIZE "" CACHE STRING
    "Sanitizers for the runtime and its unit tests, e.g. address,undefined (empty: none)")
option(PYBRIDGE_BUILD_FUZZERS "Build the libFuzzer targets in fuzz/ (needs libFuzzer)" ON)

function(pybridge_sanitize target)
  if(PYBRIDGE_SANITIZE)
    set(flags -fsanitize=${PYBRIDGE_SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer)
    target_compile_options(${target} PRIVATE ${flags})
    target_link_options(${target} PRIVATE ${flags})
  endif()
endfunction()

# Whether a program built with -fsanitize=fuzzer,address,undefined links here.
function(pybridge_check_fuzzers result)
  set(CMAKE_REQUIRED_FLAGS "-fsanitize=fuzzer,address,undefined")
  set(CMAKE_REQUIRED_LINK_OPTIONS "-fsanitize=fuzzer,address,undefined")
  check_cxx_source_compiles(
    "#include <cstddef>
     #include <cstdint>
     extern \"C\" int LLVMFuzzerTestOneInput(const std::uint8_t *, std::size_t) { return 0; }"
    PYBRIDGE_HAVE_LIBFUZZER)
  set(${result} ${PYBRIDGE_HAVE_LIBFUZZER} PARENT_SCOPE)
endfunction()
