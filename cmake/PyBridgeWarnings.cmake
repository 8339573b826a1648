# pybridge_warnings(target): the warning set every PyBridge target builds cleanly with.
function(pybridge_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-unused-parameter)
endfunction()
